// A respondent's role and area checked against the round's instrument and the organisation model
// (by id or by name, as the CLI and imports give them).
import type { Queryable } from '../../db/db.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Instrument } from '../../domain/instruments/schema.ts';
import { listAreas } from '../../store/organisation.ts';

/** Checks respondent type and area against the instrument and the organisation model; returns the normalised values. */
export async function checkRespondentInput(
  db: Queryable,
  instrument: Instrument,
  input: { respondentType?: string | null; area?: string | null },
): Promise<{ respondentType: string | null; area: string | null }> {
  const types = instrument.respondentTypes;
  // Empty means not given (also from the CLI and imports), never a key that does not exist.
  let respondentType: string | null = input.respondentType?.trim() || null;
  if (types.length) {
    if (!respondentType) throw badRequest(`Ange respondenttyp (${types.map((t) => t.label).join(', ')})`);
    const t = types.find((x) => x.id === respondentType || x.label.toLowerCase() === respondentType!.toLowerCase());
    if (!t) throw badRequest(`Okänd respondenttyp "${respondentType}". Välj bland: ${types.map((x) => x.label).join(', ')}`);
    respondentType = t.id;
  } else if (respondentType) throw badRequest(`Instrumentet ”${instrument.title}” har inga respondenttyper`);
  let area: string | null = input.area?.trim() || null;
  if (area) {
    const areas = await listAreas(db);
    const a = areas.find((x) => x.id === area || x.name.toLowerCase() === area!.toLowerCase());
    if (!a) throw badRequest(`Okänt verksamhetsområde "${area}". Välj bland: ${areas.map((x) => x.name).join(', ')}`);
    area = a.id;
  }
  return { respondentType, area };
}
