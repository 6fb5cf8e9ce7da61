// Workbooks for the economics import tests, built with exceljs: the published tables 3, 4 and 5 of
// "Förstudierapport: Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmåls kommun (2024)"
// typed by hand as printed (amounts as text "3 245 000 kr", municipality columns in the table's order),
// and samverka's own template filled in.
import ExcelJS from 'exceljs';

type Row = Array<string | number | null>;

/** Tabell 3 – Respektive kommuns it-budget för år 2024, klassificerad enligt TBM-ramverket. */
export const TABLE3: Row[] = [
  ['Kostnadskategori', 'Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål'],
  ['1. it-tjänster', '3 245 000 kr', '2 538 000 kr', '3 150 000 kr', '2 400 000 kr'],
  ['2. it-utrustning', '1 244 000 kr', '1 143 000 kr', '969 400 kr', '735 000 kr'],
  ['3. it-kommunikation', '645 000 kr', '900 000 kr', '2 000 000 kr', '645 000 kr'],
  ['4. Konsultstöd', '430 000 kr', '1 488 000 kr', '298 764 kr', '1 500 000 kr'],
  ['5. Fiber', null, null, null, '1 210 000 kr'],
  ['6. Personalkostnad', '5 452 793 kr', '2 307 000 kr', '5 358 088 kr', '5 575 000 kr'],
  ['7. Omkostnad', '1 479 950 kr', null, null, '114 000 kr'],
  ['8. OH', null, null, '760 000 kr', '5 000 kr'],
  ['9. Lokaler', null, null, null, '347 000 kr'],
  ['Totalsumma', '12 496 743 kr', '8 376 000 kr', '12 536 252 kr', '12 531 000 kr'],
];
export const TABLE3_CAPTION = 'Tabell 3 – Respektive kommuns it-budget för år 2024, klassificerad enligt TBM-ramverket.';

/** Tabell 4 (columns in the table's own order: Bengtsfors, Mellerud, Åmål, Färgelanda). */
export const TABLE4: Row[] = [
  ['Utgiftspost', 'Bengtsfors', 'Mellerud', 'Åmål', 'Färgelanda', 'Totalsumma'],
  ['It-tjänster', '973 500 kr', '945 000 kr', '720 000 kr', '761 400 kr', '3 399 900 kr'],
  ['It-utrustning', '373 200 kr', '290 820 kr', '220 500 kr', '342 900 kr', '1 227 420 kr'],
  ['It-kommunikation', '193 500 kr', '600 000 kr', '193 500 kr', '270 000 kr', '1 257 000 kr'],
  ['Konsultstöd', '129 000 kr', '89 629 kr', '450 000 kr', '446 400 kr', '1 115 029 kr'],
  ['Besparingspotential:', '2 782 000 kr', '3 209 082 kr', '2 640 000 kr', '3 034 500 kr', '6 999 349 kr'],
];
export const TABLE4_CAPTION =
  'Tabell 4 – Förstudien uppskattar att kommunerna kan göra besparingar om ca 30% i ovan kostnadskategorier vid en gemensam it-drift.';

/** Tabell 5 – Uppskattning av vad varje enskild kommun skulle behöva spendera årligen för en genomsnittlig it-budget. */
export const TABLE5: Row[] = [
  ['Kategori', 'Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål', 'Totalt'],
  ['It-enhetens kostnader 2024', '12 496 743 kr', '8 376 000 kr', '12 536 252 kr', '12 531 000 kr', '45 939 995 kr'],
  ['Prognos över verksamhetens nettokostnader 2024', '688 000 000 kr', '519 350 000 kr', '720 000 000 kr', '998 000 000 kr', '2 925 350 000 kr'],
  ['It-enhetens budget som andel av kommunens nettokostnader 2024', '1,82%', '1,61%', '1,74%', '1,26%', null],
  ['It-budget om kommunerna spenderat enligt riksnittet (2,5%)', '17 200 000 kr', '12 983 750 kr', '18 000 000 kr', '24 950 000 kr', '73 133 750 kr'],
  ['Kostnadsökning', '4 703 257 kr', '4 607 750 kr', '5 463 748 kr', '12 419 000 kr', '27 193 755 kr'],
];
export const TABLE5_CAPTION = 'Tabell 5 – Uppskattning av vad varje enskild kommun skulle behöva spendera årligen för att en genomsnittlig it-budget.';

export interface SheetSpec {
  name: string;
  rows: Row[];
  /** A caption written one blank row below the table. */
  caption?: string;
}

/** A workbook of the given sheets (each table from A1). */
export async function workbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r) => ws.addRow(r));
    if (s.caption) ws.getCell(s.rows.length + 2, 1).value = s.caption;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The three published tables, each on its own sheet named with the year; `edit` changes a copy of the rows. */
export function publishedTables(edit: (t: { table3: Row[]; table4: Row[]; table5: Row[] }) => void = () => {}): Promise<Buffer> {
  const t = { table3: TABLE3.map((r) => [...r]), table4: TABLE4.map((r) => [...r]), table5: TABLE5.map((r) => [...r]) };
  edit(t);
  return workbook([
    { name: 'Tabell 3 2024', rows: t.table3, caption: TABLE3_CAPTION },
    { name: 'Tabell 4 2024', rows: t.table4, caption: TABLE4_CAPTION },
    { name: 'Tabell 5 2024', rows: t.table5, caption: TABLE5_CAPTION },
  ]);
}

/** Fills rows of samverka's template: `fill[sheet]` rows are written from row 2 over what the template has there. */
export async function fillTemplate(template: Buffer, fill: Record<string, Row[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  for (const [sheet, rows] of Object.entries(fill)) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`bladet ${sheet} saknas i mallen`);
    rows.forEach((r, i) => r.forEach((v, c) => v !== undefined && (ws.getCell(i + 2, c + 1).value = v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
