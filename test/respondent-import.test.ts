// Respondent import, the pure part: CSV, XLSX and pasted Excel rows; Swedish and English headers;
// types and areas by id or label in any case; duplicates by e-mail; errors by row and column.
// Expected rows are written out by hand.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { AREAS } from '../src/domain/organisation.ts';
import { parsePastedRows, validateRespondentImport, type RespondentImportContext } from '../src/domain/respondent-import.ts';
import { parseCsv, parseXlsx } from '../src/import/responses.ts';

const TYPES = [
  { id: 'it-nara', label: 'IT-nära' },
  { id: 'verksamhetsnara', label: 'Verksamhetsnära' },
];
const ctx = (over: Partial<RespondentImportContext> = {}): RespondentImportContext => ({
  respondentTypes: TYPES,
  excludedTypes: [],
  areas: AREAS,
  existingEmails: [],
  ...over,
});

async function xlsxBytes(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Respondenter');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('respondentimport: domänen', () => {
  it('CSV med svenska rubriker, typ och område som etikett i valfri skiftläge', () => {
    const csv = [
      'Namn;E-postadress;Roll;Område',
      'Anna Andersson;anna@mellerud.se;it-nära;socialtjänst, vård och omsorg',
      'Bo Berg;BO.BERG@mellerud.se;VERKSAMHETSNÄRA;utbildning',
      ';cecilia@mellerud.se;verksamhetsnara;',
    ].join('\n');
    const { table, errors } = parseCsv(csv);
    assert.deepEqual(errors, []);
    const v = validateRespondentImport(table, ctx());
    assert.deepEqual(v.errors, []);
    assert.deepEqual(v.rows, [
      { row: 2, name: 'Anna Andersson', email: 'anna@mellerud.se', respondentType: 'it-nara', area: 'socialtjanst' },
      { row: 3, name: 'Bo Berg', email: 'BO.BERG@mellerud.se', respondentType: 'verksamhetsnara', area: 'utbildning' },
      { row: 4, name: null, email: 'cecilia@mellerud.se', respondentType: 'verksamhetsnara', area: null },
    ]);
    assert.deepEqual(v.columns, { name: 'Namn', email: 'E-postadress', respondentType: 'Roll', area: 'Område' });
    assert.equal(v.rowCount, 3);
  });

  it('CSV med engelska rubriker och id:n, kommaseparerad; okända kolumner ignoreras och nämns', () => {
    const csv = ['Name,Email,Type,Area,Phone', 'Dan Dahl,dan@x.se,IT-NARA,HR,0701', 'Eva Ek,eva@x.se,verksamhetsnara,it,0702'].join('\r\n');
    const v = validateRespondentImport(parseCsv(csv).table, ctx());
    assert.deepEqual(v.errors, []);
    assert.deepEqual(
      v.rows.map((r) => [r.row, r.name, r.respondentType, r.area]),
      [
        [2, 'Dan Dahl', 'it-nara', 'hr'],
        [3, 'Eva Ek', 'verksamhetsnara', 'it'],
      ],
    );
    assert.deepEqual(v.ignoredColumns, ['Phone']);
  });

  it('XLSX: fel e-post, okänd typ och okänt område ger fel per rad och kolumn med kolumnens namn', async () => {
    const bytes = await xlsxBytes([
      ['Namn', 'E-post', 'Respondenttyp', 'Verksamhetsområde'],
      ['Anna', 'anna@x.se', 'IT-nära', 'Ekonomi'],
      ['Bo', 'bo@', 'IT-nära', 'Ekonomi'],
      ['Cia', 'cia@x.se', 'Chef', 'Ekonomi'],
      ['Dan', 'dan@x.se', 'it-nara', 'Rymden'],
      ['', '', 'it-nara', ''],
    ]);
    const { table } = await parseXlsx(bytes);
    const v = validateRespondentImport(table, ctx());
    assert.deepEqual(
      v.errors.map((e) => [e.row, e.column]),
      [
        [3, 'E-post'],
        [4, 'Respondenttyp'],
        [5, 'Verksamhetsområde'],
        [6, null],
      ],
    );
    assert.equal(v.errors[0].message, 'E-post: "bo@" är ingen giltig e-postadress');
    assert.match(v.errors[1].message, /^Respondenttyp: okänd respondenttyp "Chef". Välj bland: IT-nära \(it-nara\), Verksamhetsnära \(verksamhetsnara\)$/);
    assert.match(v.errors[2].message, /^Verksamhetsområde: okänt verksamhetsområde "Rymden"/);
    assert.equal(v.errors[3].message, 'Ange namn eller e-postadress');
    assert.deepEqual(v.rows.map((r) => r.row), [2], 'bara den felfria raden är godkänd');
  });

  it('dubbletter per e-post: i filen och mot befintliga respondenter (skiftlägesokänsligt) rapporteras och läggs inte till', () => {
    const csv = ['Namn;E-post;Typ', 'A;a@x.se;it-nara', 'B;b@x.se;it-nara', 'A igen;A@X.SE ;it-nara', 'Finns;gammal@x.se;it-nara'].join('\n');
    const v = validateRespondentImport(parseCsv(csv).table, ctx({ existingEmails: ['Gammal@x.se'] }));
    assert.deepEqual(v.errors, []);
    assert.deepEqual(v.rows.map((r) => r.email), ['a@x.se', 'b@x.se']);
    assert.deepEqual(v.duplicates, [
      { row: 4, email: 'A@X.SE', firstRow: 2 },
      { row: 5, email: 'gammal@x.se', firstRow: null },
    ]);
  });

  it('klistrade rader från Excel: tabbar, citerade celler med radbrytning; rubrikrad valfri', () => {
    const withHeader = 'E-post\tNamn\tRoll\r\nanna@x.se\t"Anna ""Annie"" A"\tit-nara\r\n\r\nbo@x.se\tBo\tverksamhetsnära\r\n';
    const t1 = parsePastedRows(withHeader);
    assert.deepEqual(t1.header, ['E-post', 'Namn', 'Roll']);
    const v1 = validateRespondentImport(t1, ctx());
    assert.deepEqual(v1.errors, []);
    assert.deepEqual(
      v1.rows.map((r) => [r.row, r.name, r.email, r.respondentType]),
      [
        [2, 'Anna "Annie" A', 'anna@x.se', 'it-nara'],
        [4, 'Bo', 'bo@x.se', 'verksamhetsnara'],
      ],
    );
    // Without a header: Namn, E-post, Respondenttyp, Verksamhetsområde, rows numbered from 1.
    const t2 = parsePastedRows('Cia\tcia@x.se\tIT-nära\tIT\nDan\tdan@x\tit-nara\t');
    const v2 = validateRespondentImport(t2, ctx());
    assert.deepEqual(v2.rows, [{ row: 1, name: 'Cia', email: 'cia@x.se', respondentType: 'it-nara', area: 'it' }]);
    assert.deepEqual(v2.errors, [{ row: 2, column: 'E-post', message: 'E-post: "dan@x" är ingen giltig e-postadress' }]);
    // A quoted cell with a line break stays one cell.
    const t3 = parsePastedRows('Namn\tE-post\n"Eva\nEk"\teva@x.se');
    assert.deepEqual(t3.rows, [{ row: 2, cells: ['Eva\nEk', 'eva@x.se'] }]);
  });

  it('filfel: inga kända kolumner, saknad typkolumn, dubbla kolumner, tom fil', () => {
    const none = validateRespondentImport(parseCsv('Förnamn;Telefon\nA;1').table, ctx());
    assert.equal(none.errors.length, 1);
    assert.match(none.errors[0].message, /saknar kolumnerna Namn och E-post/);
    const noType = validateRespondentImport(parseCsv('Namn;E-post\nA;a@x.se').table, ctx());
    assert.deepEqual(noType.errors.map((e) => [e.row, e.column]), [[1, null]]);
    assert.match(noType.errors[0].message, /Kolumnen Respondenttyp saknas/);
    const twice = validateRespondentImport(parseCsv('Namn;Email;E-post;Typ\nA;a@x.se;b@x.se;it-nara').table, ctx());
    assert.deepEqual(twice.errors.map((e) => [e.row, e.column]), [[1, 'E-post']]);
    const empty = validateRespondentImport(parseCsv('Namn;E-post;Typ\n').table, ctx());
    assert.deepEqual(empty.errors.map((e) => e.message), ['Filen innehåller inga respondenter']);
  });

  it('mätomgångens respondenttyper: en utesluten typ är ett fel; en enda typ kan utelämnas', () => {
    const round = ctx({ respondentTypes: [TYPES[1]], excludedTypes: [TYPES[0]] });
    const v = validateRespondentImport(parseCsv('Namn;E-post;Typ\nA;a@x.se;IT-nära\nB;b@x.se;\nC;c@x.se;verksamhetsnära').table, round);
    assert.deepEqual(v.errors.map((e) => [e.row, e.column]), [[2, 'Typ']]);
    assert.equal(v.errors[0].message, 'Respondenttyp: "IT-nära" ingår inte i mätomgången. Välj bland: Verksamhetsnära (verksamhetsnara)');
    assert.deepEqual(v.rows.map((r) => [r.row, r.respondentType]), [
      [3, 'verksamhetsnara'],
      [4, 'verksamhetsnara'],
    ]);
    const noTypeColumn = validateRespondentImport(parseCsv('Namn;E-post\nA;a@x.se').table, round);
    assert.deepEqual(noTypeColumn.errors, []);
    assert.equal(noTypeColumn.rows[0].respondentType, 'verksamhetsnara');
  });

  it('egenskap: giltiga respondenter i valfri skiftläge, som etikett eller id, klistrade eller som CSV, kommer tillbaka oförändrade och varje e-post högst en gång', () => {
    const names = ['Anna', 'Åsa Öberg', 'Per-Olof', 'Li', 'Märta Ek', 'Jon Snö'];
    const flip = (s: string, mask: boolean[]) => [...s].map((c, i) => (mask[i % mask.length] ? c.toUpperCase() : c.toLowerCase())).join('');
    const person = fc.record({
      type: fc.nat(TYPES.length - 1),
      area: fc.option(fc.nat(AREAS.length - 1), { nil: null }),
      email: fc.tuple(fc.nat(7), fc.nat(1)).map(([p, k]) => `p${p}@k${k}.se`),
      name: fc.constantFrom(...names),
      byLabel: fc.boolean(),
      areaByLabel: fc.boolean(),
      flipEmail: fc.boolean(),
      mask: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 15 }), fc.boolean(), fc.boolean(), (people, swedishHeader, pasted) => {
        const expected: Array<{ name: string; email: string; type: string; area: string | null }> = [];
        const lines = people.map((p) => {
          const type = TYPES[p.type];
          const area = p.area === null ? null : AREAS[p.area];
          if (!expected.some((e) => e.email === p.email)) expected.push({ name: p.name, email: p.email, type: type.id, area: area?.id ?? null });
          return [
            p.name,
            p.flipEmail ? flip(p.email, p.mask) : p.email,
            flip(p.byLabel ? type.label : type.id, p.mask),
            area ? flip(p.areaByLabel ? area.name : area.id, p.mask) : '',
          ];
        });
        const header = swedishHeader ? ['Namn', 'E-post', 'Respondenttyp', 'Verksamhetsområde'] : ['Name', 'Email', 'Type', 'Area'];
        const table = pasted
          ? parsePastedRows([header, ...lines].map((l) => l.join('\t')).join('\r\n'))
          : parseCsv([header, ...lines].map((l) => l.join(';')).join('\n')).table;
        const v = validateRespondentImport(table, ctx());
        assert.deepEqual(v.errors, []);
        assert.deepEqual(
          v.rows.map((r) => ({ name: r.name, email: r.email!.toLowerCase(), type: r.respondentType, area: r.area })),
          expected,
        );
        assert.equal(v.rows.length + v.duplicates.length, people.length);
      }),
      { numRuns: 200 },
    );
  });
});
