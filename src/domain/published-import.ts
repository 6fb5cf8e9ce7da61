// The CSV/XLSX format of published aggregates (docs/published-figures.md): one row per option (or
// combination of options) of a question, the question's base and source repeated on each of its rows.
// Pure and IO-free: takes the parsed table (header + rows, see src/domain/import.ts) and the round's
// instrument; returns the aggregates and every error by row and column. Nothing is written while errors remain.
import { validate } from '../contracts/messages.ts';
import { norm, type ImportError, type ParsedTable } from './import.ts';
import type { Instrument } from './instruments/schema.ts';
import { optionsOfItem, publishedAggregateInput, validatePublished, type PublishedAggregate } from './published.ts';

/** The template's columns, in order. */
export const PUBLISHED_COLUMNS = [
  'fraga',
  'figur',
  'alternativ',
  'andel',
  'antal',
  'bas_n',
  'bas_enhet',
  'svarande_kommuner',
  'kalla',
  'sida',
  'delvis',
  'anmarkning',
] as const;
type Column = (typeof PUBLISHED_COLUMNS)[number];
const REQUIRED: Column[] = ['fraga', 'alternativ', 'bas_enhet', 'kalla'];

const ALIASES: Record<string, Column> = {
  fråga: 'fraga',
  fraga: 'fraga',
  item: 'fraga',
  figur: 'figur',
  alternativ: 'alternativ',
  andel: 'andel',
  'andel (%)': 'andel',
  antal: 'antal',
  bas_n: 'bas_n',
  'bas n': 'bas_n',
  bas_enhet: 'bas_enhet',
  'bas enhet': 'bas_enhet',
  svarande_kommuner: 'svarande_kommuner',
  'svarande kommuner': 'svarande_kommuner',
  källa: 'kalla',
  kalla: 'kalla',
  sida: 'sida',
  delvis: 'delvis',
  anmärkning: 'anmarkning',
  anmarkning: 'anmarkning',
};

const UNITS: Record<string, PublishedAggregate['base']['unit']> = {
  respondenter: 'respondents',
  respondents: 'respondents',
  kommuner: 'municipalities',
  municipalities: 'municipalities',
  omnämnanden: 'mentions',
  omnamnanden: 'mentions',
  mentions: 'mentions',
};

/** Reads "5,5", "5.5", "5,5 %" or "1 234" as a number; null for an empty cell; NaN when not a number. */
export function readNumber(s: string): number | null {
  const t = s.replace(/[\s\u00a0]/g, '').replace(/%$/, '').replace(',', '.');
  if (t === '') return null;
  return /^-?[0-9]+(\.[0-9]+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The column of a field of the aggregate schema, for errors by row and column. */
function columnOfField(field: string): Column {
  if (field.startsWith('values') && field.endsWith('value')) return 'andel';
  if (field.startsWith('values')) return 'alternativ';
  if (field === 'base.n') return 'bas_n';
  if (field === 'base.unit') return 'bas_enhet';
  if (field === 'municipalities') return 'svarande_kommuner';
  if (field.startsWith('source.title')) return 'kalla';
  if (field.startsWith('source.page')) return 'sida';
  if (field === 'figure') return 'figur';
  if (field === 'note') return 'anmarkning';
  return 'fraga';
}

export interface PublishedImportResult {
  aggregates: PublishedAggregate[];
  /** The file row of each aggregate's first row. */
  rows: Record<string, number>;
  errors: ImportError[];
}

export function parsePublishedTable(table: ParsedTable, instrument: Instrument): PublishedImportResult {
  const errors: ImportError[] = [];
  const colIdx = new Map<Column, number>();
  table.header.forEach((h, i) => {
    const c = ALIASES[norm(h)];
    if (c && !colIdx.has(c)) colIdx.set(c, i);
    else if (!c && h.trim()) errors.push({ row: 1, column: h, message: `Okänd kolumn "${h}". Kolumnerna är: ${PUBLISHED_COLUMNS.join(', ')}` });
  });
  for (const c of REQUIRED) if (!colIdx.has(c)) errors.push({ row: 1, column: c, message: `Kolumnen "${c}" saknas` });
  if (!colIdx.has('andel') && !colIdx.has('antal')) errors.push({ row: 1, column: 'andel', message: 'Kolumnen "andel" eller "antal" saknas' });
  if (errors.length) return { aggregates: [], rows: {}, errors };

  const cell = (cells: string[], c: Column) => (colIdx.has(c) ? (cells[colIdx.get(c)!] ?? '').trim() : '');
  type Draft = { first: number; head: Record<Column, string>; measure: 'share' | 'count' | null; values: Array<{ options: string[]; value: number; row: number }> };
  const drafts = new Map<string, Draft>();
  const ITEM_LEVEL: Column[] = ['figur', 'bas_n', 'bas_enhet', 'svarande_kommuner', 'kalla', 'sida', 'delvis', 'anmarkning'];

  for (const { row, cells } of table.rows) {
    if (cells.every((c) => !c.trim())) continue;
    const itemId = cell(cells, 'fraga');
    if (!itemId) {
      errors.push({ row, column: 'fraga', message: 'Ange frågans id (t.ex. portfoljstyrning)' });
      continue;
    }
    const item = instrument.items.find((i) => i.id === itemId);
    if (!item) {
      errors.push({ row, column: 'fraga', message: `Frågan "${itemId}" finns inte i instrumentet ${instrument.title} (${instrument.version})` });
      continue;
    }
    let d = drafts.get(itemId);
    if (!d) {
      d = { first: row, head: Object.fromEntries(ITEM_LEVEL.map((c) => [c, cell(cells, c)])) as Record<Column, string>, measure: null, values: [] };
      drafts.set(itemId, d);
    } else
      for (const c of ITEM_LEVEL) {
        const v = cell(cells, c);
        if (v && d.head[c] && v !== d.head[c])
          errors.push({ row, column: c, message: `"${v}" skiljer sig från rad ${d.first} ("${d.head[c]}") för samma fråga; ange samma värde på alla rader för frågan` });
        else if (v && !d.head[c]) d.head[c] = v;
      }
    const alt = cell(cells, 'alternativ');
    const share = cell(cells, 'andel');
    const count = cell(cells, 'antal');
    if (!alt && !share && !count) continue; // a question the source gives no figures for
    if (!alt) {
      errors.push({ row, column: 'alternativ', message: 'Ange alternativet (kod eller text; flera med " + ")' });
      continue;
    }
    const options = optionsOfItem(instrument, item);
    const codes: string[] = [];
    for (const part of alt.split('+').map((p) => p.trim()).filter(Boolean)) {
      const o = options.find((x) => x.code === part) ?? options.find((x) => norm(x.label) === norm(part));
      if (!o) {
        errors.push({ row, column: 'alternativ', message: `Alternativet "${part}" finns inte för frågan "${itemId}". Välj bland: ${options.map((x) => x.code).join(', ')}` });
        continue;
      }
      codes.push(o.code);
    }
    if (codes.length !== alt.split('+').filter((p) => p.trim()).length) continue;
    if (share && count) {
      errors.push({ row, column: 'antal', message: 'Ange andel eller antal, inte båda' });
      continue;
    }
    const measure = share ? 'share' : 'count';
    const column: Column = share ? 'andel' : 'antal';
    const value = readNumber(share || count);
    if (value === null) {
      errors.push({ row, column: 'andel', message: 'Ange andelen i procent (eller antalet i kolumnen antal)' });
      continue;
    }
    if (Number.isNaN(value)) {
      errors.push({ row, column, message: `"${share || count}" är inget tal` });
      continue;
    }
    if (d.measure && d.measure !== measure) {
      errors.push({ row, column, message: `Frågan "${itemId}" blandar andelar och antal; ange ett av dem för alla alternativ` });
      continue;
    }
    d.measure = measure;
    d.values.push({ options: codes, value, row });
  }

  const aggregates: PublishedAggregate[] = [];
  const rows: Record<string, number> = {};
  for (const [itemId, d] of drafts) {
    const unit = UNITS[norm(d.head.bas_enhet)];
    if (!unit) {
      errors.push({ row: d.first, column: 'bas_enhet', message: `Basens enhet "${d.head.bas_enhet}" är okänd: ange respondenter, kommuner eller omnämnanden` });
      continue;
    }
    const n = readNumber(d.head.bas_n);
    const m = readNumber(d.head.svarande_kommuner);
    if (Number.isNaN(n)) errors.push({ row: d.first, column: 'bas_n', message: `"${d.head.bas_n}" är inget heltal` });
    if (Number.isNaN(m)) errors.push({ row: d.first, column: 'svarande_kommuner', message: `"${d.head.svarande_kommuner}" är inget heltal` });
    const partial = norm(d.head.delvis);
    if (partial && !['ja', 'nej', 'true', 'false'].includes(partial)) errors.push({ row: d.first, column: 'delvis', message: 'Ange ja eller nej' });
    const input = {
      itemId,
      figure: d.head.figur || null,
      measure: d.measure ?? 'share',
      values: d.values.map(({ options, value }) => ({ options, value })),
      base: { n: Number.isNaN(n) ? null : n, unit },
      municipalities: Number.isNaN(m) ? null : m,
      source: { title: d.head.kalla, page: d.head.sida || null },
      partial: partial === 'ja' || partial === 'true',
      note: d.head.anmarkning || null,
    };
    const parsed = validate(publishedAggregateInput, input);
    if (!parsed.ok) {
      for (const issue of parsed.errors) {
        const valueRow = /^values\.(\d+)/.exec(issue.path)?.[1];
        errors.push({ row: valueRow !== undefined ? d.values[Number(valueRow)].row : d.first, column: columnOfField(issue.path), message: issue.message });
      }
      continue;
    }
    for (const e of validatePublished(instrument, parsed.data)) {
      const valueRow = /^values\.(\d+)/.exec(e.field)?.[1];
      const column = e.field.endsWith('value') && d.measure === 'count' ? 'antal' : columnOfField(e.field);
      errors.push({ row: valueRow !== undefined ? d.values[Number(valueRow)].row : d.first, column, message: e.message });
    }
    aggregates.push(parsed.data);
    rows[itemId] = d.first;
  }
  errors.sort((a, b) => a.row - b.row);
  return { aggregates, rows, errors };
}
