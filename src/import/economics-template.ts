// samverka's XLSX template for importing a municipality's IT economics (exceljs): an instruction sheet in
// Swedish with the allowed cost pools, categories and areas of work, and the sheets Budget,
// Kostnadspooler, Arbetsområden and Nyckeltal that src/domain/economics/import.ts reads back. Lists of
// municipalities, pools and areas are drop-downs (data validation) from a hidden sheet "Listor".
import ExcelJS from 'exceljs';
import { DEFAULT_CATEGORIES, POOL_LABELS, TBM_POOLS, TOWER_LABELS, TOWERS } from '../domain/economics/schema.ts';

export const TEMPLATE_SHEETS = {
  budget: { name: 'Budget', headers: ['Kommun', 'År', 'Kategori-id', 'Kategori', 'TBM-pool', 'Belopp (kr)', 'Källa', 'Anteckning'] },
  pools: { name: 'Kostnadspooler', headers: ['Kommun', 'År', 'Pool', 'Belopp (kr)', 'Varav inom central IT (kr eller %)', 'Källa', 'Anteckning'] },
  towers: { name: 'Arbetsområden', headers: ['Kommun', 'År', 'Arbetsområde', 'Belopp (kr)', 'Källa', 'Anteckning'] },
  keyFigures: {
    name: 'Nyckeltal',
    headers: ['Kommun', 'År', 'Verksamhetens nettokostnad (kr)', 'Källa (nettokostnad)', 'Invånare', 'Källa (invånare)', 'Angiven totalsumma (kr)', 'Källa (totalsumma)'],
  },
} as const;

const DATA_ROWS = 300;
export const TEMPLATE_FILENAME = 'samverka-it-ekonomi-mall.xlsx';

const INSTRUCTIONS: string[] = [
  'Mall för import av it-ekonomi till samverka',
  '',
  'Fyll i ett eller flera av bladen Budget, Kostnadspooler, Arbetsområden och Nyckeltal. En rad per kommun, år och post.',
  'Kommun: kommunens namn eller SCB-kod (välj i listan). År: fyra siffror. Belopp i hela kronor, 0 eller större ("3 245 000 kr" går också bra).',
  'Tomma rader, och rader utan kommun och belopp, läses inte. Källa och anteckning följer varje siffra in i rapporterna.',
  'Importen kontrollerar varje rad. Fel anges med blad, rad och kolumn; inget sparas förrän alla fel är rättade (eller om du väljer att hoppa över rader med fel).',
  'Finns siffror redan för kommunen och året ersätts bara de delar filen innehåller (t.ex. budgeten), övriga delar behålls.',
  '',
  'Budget: kommunens budgetposter. Standardkategorierna nedan är ifyllda; en egen kategori får ett eget id (a–z, 0–9, _) och namn, och måste ha en TBM-pool.',
  'Kopplingen mellan kategori och TBM-pool kan ändras per rad i kolumnen TBM-pool.',
  'Kostnadspooler: kostnad per TBM-pool; "Varav inom central IT" i kronor eller som andel ("82 %", högst 100 %).',
  'Arbetsområden: kostnad per arbetsområde inom central IT.',
  'Nyckeltal: verksamhetens nettokostnad, invånarantal och en angiven totalsumma (kontrolleras mot delarna), var och en med sin källa.',
  '',
  'Publicerade tabeller (t.ex. tabell 3, 4 och 5 i Förstudierapport: Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmåls kommun (2024)) kan också importeras:',
  'klistra in tabellen på ett eget blad med rubrikcellen Kostnadskategori, Utgiftspost eller Kategori och kommunerna som kolumner. Året läses ur bladets namn eller tabellen.',
];

function addList(ws: ExcelJS.Worksheet, col: number, title: string, values: string[]): string {
  ws.getCell(1, col).value = title;
  values.forEach((v, i) => (ws.getCell(i + 2, col).value = v));
  const letter = String.fromCharCode(64 + col);
  return `Listor!$${letter}$2:$${letter}$${Math.max(values.length + 1, 2)}`;
}

function dataSheet(wb: ExcelJS.Workbook, name: string, headers: readonly string[], lists: Record<number, string>, widths: number[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...headers]);
  ws.getRow(1).font = { bold: true };
  headers.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? 18));
  for (let r = 2; r <= DATA_ROWS + 1; r++)
    for (const [col, formula] of Object.entries(lists))
      ws.getCell(r, Number(col)).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorTitle: 'Ogiltigt värde',
        error: 'Välj ett värde i listan',
      };
  return ws;
}

/** The template as an XLSX file; `municipalities` fill the drop-down of the Kommun columns. */
export async function economicsTemplate(opts: { municipalities: ReadonlyArray<{ code: string; name: string }>; year?: number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'samverka';
  const info = wb.addWorksheet('Instruktioner');
  info.getColumn(1).width = 120;
  INSTRUCTIONS.forEach((line, i) => {
    info.getCell(i + 1, 1).value = line;
    if (i === 0) info.getCell(i + 1, 1).font = { bold: true, size: 14 };
  });
  let r = INSTRUCTIONS.length + 2;
  const table = (title: string, header: string[], rows: string[][]) => {
    info.getCell(r, 1).value = title;
    info.getCell(r++, 1).font = { bold: true };
    info.getRow(r).values = header;
    info.getRow(r++).font = { italic: true };
    for (const row of rows) info.getRow(r++).values = row;
    r++;
  };
  table('TBM-pooler (kolumnen TBM-pool / Pool)', ['Pool'], TBM_POOLS.map((p) => [POOL_LABELS[p]]));
  table('Standardkategorier och deras TBM-pool', ['Kategori-id', 'Kategori', 'TBM-pool'], DEFAULT_CATEGORIES.map((c) => [c.id, c.label, POOL_LABELS[c.pool]]));
  table('Arbetsområden (kolumnen Arbetsområde)', ['Arbetsområde'], TOWERS.map((t) => [TOWER_LABELS[t]]));
  [2, 3].forEach((c) => (info.getColumn(c).width = 24));

  const lists = wb.addWorksheet('Listor', { state: 'hidden' });
  const municipalityList = addList(lists, 1, 'Kommun', opts.municipalities.map((m) => m.name));
  const poolList = addList(lists, 2, 'TBM-pool', TBM_POOLS.map((p) => POOL_LABELS[p]));
  const towerList = addList(lists, 3, 'Arbetsområde', TOWERS.map((t) => TOWER_LABELS[t]));

  const year = opts.year ?? '';
  const budget = dataSheet(wb, TEMPLATE_SHEETS.budget.name, TEMPLATE_SHEETS.budget.headers, { 1: municipalityList, 5: poolList }, [18, 8, 18, 22, 24, 16, 40, 40]);
  DEFAULT_CATEGORIES.forEach((c, i) => (budget.getRow(i + 2).values = ['', year, c.id, c.label, POOL_LABELS[c.pool]]));
  const pools = dataSheet(wb, TEMPLATE_SHEETS.pools.name, TEMPLATE_SHEETS.pools.headers, { 1: municipalityList, 3: poolList }, [18, 8, 24, 16, 22, 40, 40]);
  TBM_POOLS.forEach((p, i) => (pools.getRow(i + 2).values = ['', year, POOL_LABELS[p]]));
  const towers = dataSheet(wb, TEMPLATE_SHEETS.towers.name, TEMPLATE_SHEETS.towers.headers, { 1: municipalityList, 3: towerList }, [18, 8, 24, 16, 40, 40]);
  TOWERS.forEach((t, i) => (towers.getRow(i + 2).values = ['', year, TOWER_LABELS[t]]));
  dataSheet(wb, TEMPLATE_SHEETS.keyFigures.name, TEMPLATE_SHEETS.keyFigures.headers, { 1: municipalityList }, [18, 8, 22, 32, 12, 32, 22, 32]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
