// The respondent's side: no account, only the personal link (the token in the path is the
// credential). Answers are saved one by one as they are given (idempotent), the link can be resumed
// until the round closes, and submitting is idempotent.
import { z } from 'zod';
import { answerInput, answerValueSchema, itemIdParam, respondentInstrumentSchema } from '../domain/instruments/answers.ts';
import { endpoint, timestamp } from './endpoint.ts';

const TAG = 'Svar';
const token = z.object({ token: z.string().max(100) });
const tokenAndItem = token.extend({ itemId: itemIdParam });

export const getRespondentForm = endpoint({
  method: 'GET',
  path: '/api/r/:token',
  summary: 'Enkäten och de svar som redan sparats',
  tag: TAG,
  access: 'link',
  params: token,
  response: z.object({
    round: z.object({
      id: z.number(),
      title: z.string(),
      status: z.enum(['draft', 'open', 'closed']),
      periodStart: z.string(),
      periodEnd: z.string(),
      introduction: z.string().nullable(),
      contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
      estimatedMinutes: z.number(),
      instrument: respondentInstrumentSchema,
    }),
    respondent: z.object({
      respondentType: z.string().nullable(),
      respondentTypeLabel: z.string().nullable(),
      area: z.string().nullable(),
      areaName: z.string().nullable(),
      municipality: z.string(),
      municipalityName: z.string(),
      name: z.string().nullable(),
    }),
    answers: z.record(z.string(), answerValueSchema),
    completed: z.boolean(),
    completedAt: timestamp.nullable(),
    canAnswer: z.boolean(),
    message: z.string().nullable().describe('Varför svar inte kan ges (inskickad, ej öppnad, stängd)'),
  }),
  errors: [404, 429],
});

export const saveAnswer = endpoint({
  method: 'PUT',
  path: '/api/r/:token/answers/:itemId',
  summary: 'Sparar svaret på en fråga (samma svar igen ändrar ingenting)',
  tag: TAG,
  access: 'link',
  params: tokenAndItem,
  body: answerInput,
  response: z.object({ itemId: z.string(), value: answerValueSchema, saved: z.literal(true) }),
  errors: [404, 409, 429],
});

export const deleteAnswer = endpoint({
  method: 'DELETE',
  path: '/api/r/:token/answers/:itemId',
  summary: 'Tar bort svaret på en fråga',
  tag: TAG,
  access: 'link',
  params: tokenAndItem,
  response: z.object({ itemId: z.string(), deleted: z.boolean() }),
  errors: [404, 409, 429],
});

export const submitAnswers = endpoint({
  method: 'POST',
  path: '/api/r/:token/submit',
  summary: 'Skickar in svaren (en upprepning ger samma resultat)',
  tag: TAG,
  access: 'link',
  params: token,
  response: z.object({ completed: z.literal(true), completedAt: timestamp }),
  errors: [404, 409, 429],
});
