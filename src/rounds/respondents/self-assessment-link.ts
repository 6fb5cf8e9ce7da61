// Self-assessment instruments: the kommunansvarig's own link (the respondent is created on first call).
import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { respondentView } from '../../domain/respondent-schema.ts';
import { respondentLink, selfAssessmentRespondent } from '../service.ts';
import { requireMunicipalityScope, type ScopeUser } from './scope.ts';

export async function selfAssessmentLink(db: Db, config: Pick<Config, 'baseUrl'>, user: ScopeUser, roundId: number, code: string) {
  await requireMunicipalityScope(db, user, roundId, code);
  const r = await selfAssessmentRespondent(db, roundId, code, user);
  return { respondent: respondentView(r), link: respondentLink(config, r.token!), token: r.token! };
}
