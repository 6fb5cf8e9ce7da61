// Every personal link of a municipality's respondents as CSV or XLSX: name, e-mail, type, area,
// link, invited, last reminded, status. Every cell is neutralised against formula injection.
import ExcelJS from 'exceljs';
import type { Config } from '../config.ts';
import type { Queryable } from '../db/db.ts';
import { neutraliseCell, toCsv } from '../domain/export.ts';
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

export async function linksXlsx(table: string[][], sheetName = 'Personliga länkar'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'samverka';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  table.forEach((row, i) => {
    const r = ws.addRow(row.map((c, j) => (i > 0 && j === 7 ? Number(c) : neutraliseCell(c))));
    if (i === 0) r.font = { bold: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LINK_COLUMNS.length } };
  ws.columns.forEach((col, j) => {
    const longest = Math.max(...table.map((r) => (r[j] ?? '').length));
    col.width = Math.min(80, Math.max(10, longest + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
