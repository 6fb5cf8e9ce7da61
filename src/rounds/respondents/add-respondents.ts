// Adds respondents to a municipality's sample (one with name and e-mail, or `count` alike), each with
// its personal link.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { respondentView, type RespondentInput } from '../../domain/respondent-schema.ts';
import { addRespondentsChecked, respondentLink } from '../service.ts';
import { requireMunicipalityScope, type ScopeUser } from './scope.ts';

export async function addRespondents(
  db: Db,
  config: Pick<Config, 'baseUrl'>,
  user: ScopeUser,
  roundId: number,
  code: string,
  input: RespondentInput & { count?: number },
) {
  await requireMunicipalityScope(db, user, roundId, code);
  const added = await addRespondentsChecked(db, roundId, code, input, user);
  return { respondents: added.map((r) => ({ ...respondentView(r), link: respondentLink(config, r.token!) })) };
}
