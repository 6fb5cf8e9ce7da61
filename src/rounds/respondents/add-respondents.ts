// Adds respondents to a municipality's sample (one with name and e-mail, or `count` alike), each with
// its personal link. The CLI calls addRespondentsChecked (no user: the operator may do anything).
import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import { respondentView, type RespondentInput } from '../../domain/respondent-schema.ts';
import { respondentTypeRefusal } from '../../domain/round-edit.ts';
import { sampleEditableMessage } from '../../domain/rounds.ts';
import { audit } from '../../store/audit.ts';
import { addRespondent, type RespondentWithToken } from '../../store/respondents.ts';
import { lockRound } from '../../store/rounds.ts';
import { instrumentOfRound, requireRound, requireRoundMunicipality, respondentLink, type Actor } from '../service.ts';
import { checkRespondentInput } from './respondent-input.ts';
import { requireMunicipalityScope, type ScopeUser } from './scope.ts';

/** Adds `count` respondents (with the same type and area) to a municipality's sample. */
export async function addRespondentsChecked(
  db: Db,
  roundId: number,
  code: string,
  input: Partial<RespondentInput> & { count?: number },
  actor: Actor,
): Promise<RespondentWithToken[]> {
  const round = await requireRound(db, roundId);
  requireRoundMunicipality(round, code);
  const instrument = await instrumentOfRound(db, round);
  if (instrument.mode === 'self-assessment')
    throw badRequest(
      'Självskattningen besvaras en gång per kommun av den kommunansvarige; använd självskattningslänken i stället för att lägga till respondenter',
    );
  const checked = await checkRespondentInput(db, instrument, input);
  const refused = respondentTypeRefusal(
    checked.respondentType,
    round.respondentTypes,
    instrument.respondentTypes.find((t) => t.id === checked.respondentType)?.label,
  );
  if (refused) throw badRequest(refused);
  const count = input.count ?? 1;
  if (count > 1 && (input.name || input.email)) throw badRequest('Namn och e-post kan bara anges när en respondent läggs till åt gången');
  return db.transaction(async (tx) => {
    const locked = (await lockRound(tx, roundId))!;
    const blocked = sampleEditableMessage(locked.status);
    if (blocked) throw conflict(blocked);
    const out: RespondentWithToken[] = [];
    for (let i = 0; i < count; i++)
      out.push(
        await addRespondent(tx, {
          roundId,
          municipality: code,
          respondentType: checked.respondentType,
          area: checked.area,
          name: input.name ?? null,
          email: input.email ?? null,
        }),
      );
    await audit(tx, {
      actor: actor.id,
      action: 'respondents.added',
      target: `round:${roundId}/${code}`,
      ip: actor.ip,
      details: { count, respondentType: checked.respondentType, area: checked.area },
    });
    return out;
  });
}

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
