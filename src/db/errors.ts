// Database errors that input can cause, as the HTTP answer they deserve (a 400 or 409 with a Swedish
// message) instead of a server error. Both PGlite and node-postgres give the SQLSTATE in `code`.
// The routes validate input before it reaches SQL; this is the net below that validation. The
// caller logs every classified error, so a server bug that surfaces here is still seen.

export interface ClassifiedDbError {
  status: 400 | 409;
  message: string;
  /** The SQLSTATE, for the log. */
  code: string;
}

const MESSAGES: Record<string, { status: 400 | 409; message: string }> = {
  // Class 23: integrity constraint violations.
  '23505': { status: 409, message: 'Uppgiften finns redan (samma värde får bara förekomma en gång)' },
  '23503': { status: 409, message: 'Uppgiften hänvisar till något som inte finns, eller används fortfarande av annat' },
  '23502': { status: 400, message: 'En obligatorisk uppgift saknas' },
  '23514': { status: 400, message: 'En uppgift har ett värde som inte är tillåtet' },
  '23P01': { status: 409, message: 'Uppgiften krockar med en annan (till exempel överlappande perioder)' },
  // Class 22: data exceptions.
  '22001': { status: 400, message: 'En text är för lång' },
  '22003': { status: 400, message: 'Ett tal är för stort eller för litet' },
  '22P02': { status: 400, message: 'Ett värde har fel form' },
  '22007': { status: 400, message: 'Ett datum eller en tidpunkt har fel form' },
  '22008': { status: 400, message: 'Ett datum eller en tidpunkt ligger utanför det tillåtna intervallet' },
  '22021': { status: 400, message: 'Texten innehåller ett otillåtet tecken' },
  '22P05': { status: 400, message: 'Texten innehåller ett otillåtet tecken' },
  '22012': { status: 400, message: 'Ett värde ger division med noll' },
  '2201B': { status: 400, message: 'Ett sökmönster har fel form' },
  '22023': { status: 400, message: 'Ett värde är inte tillåtet' },
  '22026': { status: 400, message: 'En text har fel längd' },
  '22004': { status: 400, message: 'En obligatorisk uppgift saknas' },
  // Class 54: program limit exceeded (e.g. a value too large to index).
  '54000': { status: 400, message: 'Förfrågan är för stor eller för komplex' },
  '54001': { status: 400, message: 'Förfrågan är för stor eller för komplex' },
};

/** Every message a classified error can have (the fuzz test tells these answers apart: validation should come first). */
export const DB_ERROR_MESSAGES: ReadonlySet<string> = new Set(Object.values(MESSAGES).map((m) => m.message));

/** The SQLSTATE of a database error (PGlite and node-postgres), or undefined for other errors. */
function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A 400/409 for a database error that input can cause; undefined for anything else (a real server error). */
export function classifyDbError(err: unknown): ClassifiedDbError | undefined {
  const code = sqlState(err);
  if (!code) return undefined;
  const known = MESSAGES[code];
  return known ? { ...known, code } : undefined;
}
