// Sets an indicator's expected and reported value for a year (förbundsadmin) and answers with the
// indicator's row as the page shows it. A share is a percentage: above 100 is refused.
import type { Db } from '../db/db.ts';
import { badRequest } from '../domain/errors.ts';
import { INDICATOR_UNITS, type IndicatorKey } from '../domain/portfolio/index.ts';
import { PERCENT_MESSAGE, type IndicatorValueInput } from '../domain/portfolio/portfolio-schema.ts';
import { audit } from '../store/audit.ts';
import { setIndicatorValue as storeIndicatorValue } from '../store/initiatives.ts';
import type { Actor } from './actor.ts';
import { indicatorReport } from './service.ts';

export async function setIndicatorValue(db: Db, actor: Actor, year: number, indicator: IndicatorKey, value: IndicatorValueInput) {
  if (INDICATOR_UNITS[indicator] === 'procent' && [value.expected, value.reported].some((v) => v !== null && v > 100))
    throw badRequest(`Förväntat värde: ${PERCENT_MESSAGE}`, [{ path: 'expected', label: 'Förväntat värde', message: 'En andel anges i procent, 0–100' }]);
  await db.transaction(async (tx) => {
    await storeIndicatorValue(tx, year, indicator, value);
    await audit(tx, { actor: actor.id, action: 'indicator.set', target: `${year}/${indicator}`, ip: actor.ip, details: value });
  });
  return (await indicatorReport(db, year)).indicators.find((r) => r.indicator === indicator)!;
}
