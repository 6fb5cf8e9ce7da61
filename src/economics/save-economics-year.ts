// Enters or replaces a municipality's IT economics for a year (association: any municipality;
// kommunansvarig: their own). Validated with economicsYearInput: negative amounts, a share above 100 %
// or an unknown municipality are a 400 and nothing is stored.
import type { Db } from '../db/db.ts';
import { economicsEditRefusal, nameOfCodes } from '../domain/economics/policy.ts';
import { economicsYearInput, type EconomicsYearInput } from '../domain/economics/schema.ts';
import type { EconomicsYearView } from '../domain/economics/view.ts';
import { forbidden } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { upsertEconomicsYear } from '../store/economics.ts';
import { checked, municipalityNames, requireKnownMunicipalities, yearTarget, type Caller } from './common.ts';
import { namedViews } from './get-economics.ts';

export async function saveEconomicsYear(db: Db, caller: Caller, input: EconomicsYearInput): Promise<EconomicsYearView> {
  const record = checked(economicsYearInput, input);
  return db.transaction(async (tx) => {
    const names = await municipalityNames(tx);
    // An unknown municipality is a 400 before the question whether the caller may change it.
    requireKnownMunicipalities(names, [record.municipalityCode]);
    const refusal = economicsEditRefusal(caller.user, record.municipalityCode);
    if (refusal) throw forbidden(refusal);
    const id = await upsertEconomicsYear(tx, record, caller.user.id);
    await audit(tx, {
      actor: caller.user.id,
      action: 'economics.saved',
      target: yearTarget(nameOfCodes(names), record.municipalityCode, record.year),
      ip: caller.ip,
      details: { id, municipalityCode: record.municipalityCode, year: record.year },
    });
    return (await namedViews(tx, [record], names))[0];
  });
}
