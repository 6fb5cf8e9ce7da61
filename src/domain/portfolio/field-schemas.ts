// Field schemas shared by the portfolio's aggregates (initiatives, funding, networks, indicators):
// amounts, hours, free text and years, with their Swedish messages. Pure zod, browser-safe.
import { z } from 'zod';

export const MONEY = 'ska vara ett belopp i hela kronor: ett heltal, 0 eller större';
export const money = z.number({ error: MONEY }).int({ error: MONEY }).min(0, { error: MONEY }).max(1_000_000_000_000, { error: 'Beloppet är orimligt stort' });
const HOURS = 'ska vara ett antal timmar: ett heltal, 0 eller större';
export const hours = z.number({ error: HOURS }).int({ error: HOURS }).min(0, { error: HOURS }).max(1_000_000_000, { error: 'Antalet timmar är orimligt stort' });
/** Trimmed free text of at most `max` characters. */
export const text = (max: number) => z.string().trim().max(max, `Högst ${max} tecken`);
export const year = z.number({ error: 'Året ska vara ett heltal' }).int('Året ska vara ett heltal').min(2000, 'Året ska vara 2000–2100').max(2100, 'Året ska vara 2000–2100');
/** A year in a path or query string ("2025"). */
export const queryYear = z.coerce.number({ error: 'Året ska vara ett heltal' }).int('Året ska vara ett heltal').min(2000, 'Året ska vara 2000–2100').max(2100, 'Året ska vara 2000–2100');

export const END_BEFORE_START = 'Slutåret kan inte vara före startåret';
/** Whether [startYear, endYear] is in order (open ends always are). */
export const yearsInOrder = (x: { startYear?: number | null; endYear?: number | null }) =>
  x.startYear === null || x.startYear === undefined || x.endYear === null || x.endYear === undefined || x.endYear >= x.startYear;

/** A period of years in order and at most ten years long (the handlingsplan's; the CLI checks the same). */
export const yearPeriod = <T extends z.ZodType<{ from: number; to: number }>>(o: T) =>
  o
    .refine((x) => x.to >= x.from, { message: END_BEFORE_START, path: ['to'] })
    .refine((x) => x.to - x.from <= 10, { message: 'Perioden får vara högst tio år', path: ['to'] });
