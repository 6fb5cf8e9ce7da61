// Removes a municipality's IT economics for a year (association, or the municipality's kommunansvarig).
import type { Db } from '../db/db.ts';
import { economicsEditRefusal, nameOfCodes } from '../domain/economics/policy.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { deleteEconomicsYear as storeDelete } from '../store/economics.ts';
import { municipalityNames, requireKnownMunicipalities, yearTarget, type Caller } from './common.ts';

export async function deleteEconomicsYear(db: Db, caller: Caller, municipalityCode: string, year: number): Promise<void> {
  await db.transaction(async (tx) => {
    const names = await municipalityNames(tx);
    requireKnownMunicipalities(names, [municipalityCode], 'municipality');
    const refusal = economicsEditRefusal(caller.user, municipalityCode);
    if (refusal) throw forbidden(refusal);
    if (!(await storeDelete(tx, municipalityCode, year))) throw notFound(`${names[municipalityCode]} har ingen it-ekonomi för ${year}`);
    await audit(tx, {
      actor: caller.user.id,
      action: 'economics.deleted',
      target: yearTarget(nameOfCodes(names), municipalityCode, year),
      ip: caller.ip,
      details: { municipalityCode, year },
    });
  });
}
