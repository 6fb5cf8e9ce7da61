// Every personal link of a municipality's respondents as CSV or XLSX: name, e-mail, type, area,
// link, invited, last reminded, status. Every cell is neutralised against formula injection.
import type { Config } from '../config.ts';
import type { Queryable } from '../db/db.ts';
import { neutraliseCell, toCsv } from '../domain/export.ts';
import { tableXlsx } from '../reports/render/table-xlsx.ts';
import { audit } from '../store/audit.ts';
import { listAreas } from '../store/organisation.ts';
import type { Round } from '../store/rounds.ts';
import { respondentLinks, type LinkRow } from './respondents/list-respondent-links.ts';
import { instrumentOfRound } from './service.ts';

export const LINK_COLUMNS = ['Namn', 'E-post', 'Respondenttyp', 'Verksamhetsområde', 'Personlig länk', 'Inbjuden', 'Senast påmind', 'Påminnelser', 'Status'];

/** Status of a respondent with a link, in Swedish. */
export function linkStatus(r: Pick<LinkRow, 'invitedAt' | 'startedAt' | 'completedAt'>): string {
  if (r.completedAt) return 'Inskickad';
  if (r.startedAt) return 'Påbörjad';
  if (r.invitedAt) return 'Inbjuden';
  return 'Ej inbjuden';
}

/** A timestamp as Swedish local time, "ÅÅÅÅ-MM-DD TT:MM". */
export const stockholmTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16) : '';

/** The header and one row per respondent with a link. */
export async function linksTable(db: Queryable, config: Pick<Config, 'baseUrl'>, round: Round, code: string): Promise<string[][]> {
  const [links, instrument, areas] = await Promise.all([respondentLinks(db, config as Config, round.id, code), instrumentOfRound(db, round), listAreas(db)]);
  const types = new Map(instrument.respondentTypes.map((t) => [t.id, t.label]));
  const areaNames = new Map(areas.map((a) => [a.id, a.name]));
  return [
    LINK_COLUMNS,
    ...links.map((l) => [
      l.name ?? '',
      l.email ?? '',
      l.respondentType ? (types.get(l.respondentType) ?? l.respondentType) : '',
      l.area ? (areaNames.get(l.area) ?? l.area) : '',
      l.link,
      stockholmTime(l.invitedAt),
      stockholmTime(l.remindedAt),
      String(l.reminderCount),
      linkStatus(l),
    ]),
  ];
}

export const linksCsv = (table: string[][]) => toCsv(table);

export const linksXlsx = (table: string[][]) => tableXlsx(table, 'Personliga länkar', (c, j) => (j === 7 ? Number(c) : neutraliseCell(c)));

/**
 * The links as a file, and the export logged as `personal_data.exported` (names and e-mail addresses;
 * `actor` null at the command line).
 */
export async function exportLinks(
  db: Queryable,
  config: Pick<Config, 'baseUrl'>,
  round: Round,
  code: string,
  format: 'csv' | 'xlsx',
  actor: { id: number | null; ip?: string } | null,
): Promise<Buffer> {
  const table = await linksTable(db, config, round, code);
  const body = format === 'csv' ? Buffer.from(linksCsv(table), 'utf8') : await linksXlsx(table);
  await audit(db, {
    actor: actor?.id,
    action: 'personal_data.exported',
    target: `round:${round.id}/${code}`,
    ip: actor?.ip,
    details: { what: 'respondent_links', roundId: round.id, municipality: code, rows: table.length - 1, format, ...(actor ? {} : { via: 'cli' }) },
  });
  return body;
}
