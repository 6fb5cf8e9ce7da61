// The respondent's side: no account, only the personal link's token (/api/r/:token, CSRF-exempt).
// Every answer is saved as it is given; the link can be resumed until the round closes; submit is
// idempotent (src/rounds/answers).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/answers.ts';
import { deleteAnswer } from '../../rounds/answers/delete-answer.ts';
import { getRespondentForm } from '../../rounds/answers/get-respondent-form.ts';
import { linkCaches } from '../../rounds/answers/link.ts';
import { saveAnswer } from '../../rounds/answers/save-answer.ts';
import { submitAnswers } from '../../rounds/answers/submit-answers.ts';
import { route } from '../route.ts';

/**
 * Default calls per minute per IP and link (SAMVERKA_RESPONDENT_RATE_LIMIT, config.respondentRateLimit):
 * generous for a person filling in a form, low for a script.
 */
export const RESPONDENT_RATE_LIMIT = 600;

export async function respondentRoutes(app: FastifyInstance) {
  const { db } = app;
  const links = linkCaches();
  const limited = {
    config: {
      rateLimit: {
        max: app.config.respondentRateLimit ?? RESPONDENT_RATE_LIMIT,
        timeWindow: '1 minute',
        keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.params as { token?: string }).token ?? '').slice(0, 64)}`,
      },
    },
  };

  route(app, api.getRespondentForm, async (req) => getRespondentForm(db, req.params.token), limited);
  route(app, api.saveAnswer, async (req) => saveAnswer(db, links, req.params.token, req.params.itemId, req.body.value), limited);
  route(app, api.deleteAnswer, async (req) => deleteAnswer(db, req.params.token, req.params.itemId), limited);
  route(app, api.submitAnswers, async (req) => submitAnswers(db, links.instrumentOf, req.params.token), limited);
}
