// A round's responses as CSV (export.ts): förbundsadmin all municipalities, a kommunansvarig one of
// their own (which must be in the round).
import type { Queryable } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { canSeeMunicipality, type Role } from '../domain/organisation.ts';
import { roundAnswersCsv } from './export.ts';
import { requireRound, requireRoundMunicipality } from './service.ts';

export async function exportRoundResponses(db: Queryable, user: { role: Role; municipalities: string[] }, id: number, municipality?: string) {
  const round = await requireRound(db, id);
  if (municipality) {
    if (!canSeeMunicipality(user, municipality)) throw forbidden('Du har inte behörighet till den här kommunens uppgifter');
    requireRoundMunicipality(round, municipality);
  } else if (user.role !== 'forbundsadmin') throw forbidden('Ange din kommun för att hämta svaren');
  return { csv: await roundAnswersCsv(db, round, municipality), filename: `matomgang-${id}${municipality ? `-${municipality}` : ''}.csv` };
}
