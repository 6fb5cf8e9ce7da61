// Sets an indicator's expected value and published outcome (value, source, date) for a year in the caller's
// association (förbundsadmin) and answers with the indicator's row as the page shows it. A share is a
// percentage: above 100 is refused.
import type { Db } from '../db/db.ts';
import { badRequest } from '../domain/errors.ts';
import { INDICATOR_LABELS, INDICATOR_UNITS, type IndicatorKey, type IndicatorRow } from '../domain/portfolio/index.ts';
import { PERCENT_MESSAGE, type IndicatorValueInput } from '../domain/portfolio/portfolio-schema.ts';
import { audit } from '../store/audit.ts';
import { setIndicatorValue as storeIndicatorValue } from '../store/followup.ts';
import type { Actor } from './actor.ts';
import { indicatorReport } from './follow-up.ts';

export async function setIndicatorValue(db: Db, actor: Actor, associationId: number, year: number, indicator: IndicatorKey, value: IndicatorValueInput): Promise<IndicatorRow> {
  if (INDICATOR_UNITS[indicator] === 'procent')
    for (const [k, label] of [['expected', 'Förväntat värde'], ['reported', 'Publicerat utfall']] as const)
      if (value[k] !== null && value[k] > 100) throw badRequest(`${label}: ${PERCENT_MESSAGE}`, [{ path: k, label, message: 'En andel anges i procent, 0–100' }]);
  await db.transaction(async (tx) => {
    await storeIndicatorValue(tx, associationId, year, indicator, value);
    await audit(tx, { actor: actor.id, action: 'indicator.set', target: `${associationId}/${year}/${indicator}`, ip: actor.ip, details: value });
  });
  const row = (await indicatorReport(db, associationId, year)).indicators.find((r) => r.indicator === indicator);
  // A row cleared of every value is left out of the table; answer with an empty row.
  return (
    row ?? {
      indicator,
      label: INDICATOR_LABELS[indicator],
      unit: INDICATOR_UNITS[indicator],
      definition: '',
      expected: null,
      published: null,
      computed: null,
      notComputed: '',
      note: value.note,
    }
  );
}
