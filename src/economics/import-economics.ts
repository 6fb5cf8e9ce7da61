// Imports IT economics from an XLSX file (samverka's template or the published tables): reads the
// workbook, parses and validates every sheet (src/domain/economics/import.ts), resolves the savings
// scenarios' group, and unless it is a dry run or errors remain (without skipInvalid) writes every
// municipality-year and scenario in one transaction with one audit entry. Parts of a year the file does
// not give (e.g. the pools when only the budget is imported) keep what was stored. Shared by HTTP and CLI.
import type { Db, Queryable } from '../db/db.ts';
import { economicsYearView, savingsView } from '../domain/economics/compute.ts';
import type { EconomicsImportError, EconomicsImportWarning } from '../domain/economics/import-cells.ts';
import { parseEconomicsWorkbook, type ImportedScenario, type SheetSummary, type YearPart } from '../domain/economics/import.ts';
import { canEditEconomics, isEconomicsAdmin, nameOfCodes } from '../domain/economics/policy.ts';
import type { EconomicsYear } from '../domain/economics/schema.ts';
import type { QualityFlag } from '../domain/economics/view.ts';
import { forbidden } from '../domain/errors.ts';
import type { Viewer } from '../domain/organisation.ts';
import { readEconomicsWorkbook } from '../import/economics-xlsx.ts';
import { audit } from '../store/audit.ts';
import { viewerAssociation } from '../domain/association-scope.ts';
import { getBenchmark, getEconomicsYear, getEconomicsYears, upsertEconomicsYear, upsertSavingsScenario } from '../store/economics.ts';
import { findGroupByName, getGroup, listGroups, type GroupRecord } from '../store/groups.ts';
import { municipalityNames } from './common.ts';

export interface EconomicsImportOptions {
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** The year of sheets that do not state one (overrides a published table's). */
  year?: number | null;
  /** The group of the savings scenarios: its id or name (else the smallest group with all its municipalities). */
  group?: string | number | null;
}

/** Who imports: their role and municipalities (kommunansvarig: own municipalities only), their id for the audit log. */
export interface Importer {
  user: Viewer & { id: number | null };
  ip?: string;
}

export interface EconomicsImportReport {
  file: string | null;
  dryRun: boolean;
  skipInvalid: boolean;
  sheets: SheetSummary[];
  /** The municipality-years that will be (or were) written, with what the file gives of each. */
  years: Array<{
    municipalityCode: string;
    municipality: string;
    year: number;
    parts: YearPart[];
    budgetLines: number;
    pools: number;
    towers: number;
    netCost: number | null;
    statedTotal: number | null;
    /** Whether figures were already stored for that municipality and year (the parts given replace theirs). */
    replaces: boolean;
  }>;
  scenarios: Array<{ name: string; year: number; groupId: number | null; group: string | null; percentages: ImportedScenario['percentages']; cells: number }>;
  /** Where in the file something was read with a remark (a name matched approximately, a total that does not add up). */
  warnings: EconomicsImportWarning[];
  /** What the stored figures will show (computed as after the import): totals against parts, published figures. */
  flags: QualityFlag[];
  /** Every error by sheet, row and column; nothing is written while any remains, unless skipInvalid. */
  errors: EconomicsImportError[];
  written: { years: number; scenarios: number };
}

/** What the file gives of a year over what is stored: the parts given replace, the others stay. */
function merged(imported: EconomicsYear, parts: readonly YearPart[], stored: EconomicsYear | null): EconomicsYear {
  if (!stored) return imported;
  const out: EconomicsYear = { ...stored, municipalityCode: imported.municipalityCode, year: imported.year };
  for (const p of parts) (out as Record<YearPart, unknown>)[p] = imported[p];
  return out;
}

async function resolveGroup(
  tx: Queryable,
  s: ImportedScenario,
  option: string | number | null | undefined,
  groups: readonly GroupRecord[],
  names: Readonly<Record<string, string>>,
  errors: EconomicsImportError[],
  associationId: number | undefined,
): Promise<GroupRecord | null> {
  const at = { sheet: s.sheet, row: 0, column: null };
  let group: GroupRecord | null = null;
  if (option !== null && option !== undefined && String(option).trim() !== '') {
    const text = String(option).trim();
    group = /^[0-9]+$/.test(text) ? await getGroup(tx, Number(text)) : await findGroupByName(tx, text, associationId);
    // Another association's group does not exist for the importer.
    if (group && associationId !== undefined && group.associationId !== associationId) group = null;
    if (!group) {
      errors.push({ ...at, message: `Gruppen "${text}" finns inte` });
      return null;
    }
  } else {
    const candidates = groups.filter((g) => s.members.every((m) => g.members.includes(m))).sort((a, b) => a.members.length - b.members.length);
    group = candidates[0] ?? null;
    if (!group) {
      errors.push({ ...at, message: `Ingen grupp innehåller ${s.members.map((m) => names[m] ?? m).join(', ')}: skapa gruppen eller ange den med --group` });
      return null;
    }
  }
  const outside = s.members.filter((m) => !group.members.includes(m));
  if (outside.length) {
    errors.push({ ...at, message: `${outside.map((m) => names[m] ?? m).join(', ')} ingår inte i gruppen ${group.name}` });
    return null;
  }
  return group;
}

/** Parses, checks and (unless dryRun, or errors remain without skipInvalid) writes the file's economics. */
export async function importEconomics(
  db: Db,
  importer: Importer,
  file: { bytes: Uint8Array; filename?: string },
  opts: EconomicsImportOptions = {},
): Promise<{ report: EconomicsImportReport; refusal?: string }> {
  const viewer = importer.user;
  if (viewer.role !== 'forbundsadmin' && viewer.role !== 'kommunansvarig') throw forbidden('Bara förbundet och kommunansvariga kan importera it-ekonomi');
  const dryRun = !!opts.dryRun;
  const skipInvalid = !!opts.skipInvalid;
  const report: EconomicsImportReport = {
    file: file.filename ?? null,
    dryRun,
    skipInvalid,
    sheets: [],
    years: [],
    scenarios: [],
    warnings: [],
    flags: [],
    errors: [],
    written: { years: 0, scenarios: 0 },
  };
  const read = await readEconomicsWorkbook(file.bytes);
  if (!read.ok) return { report: { ...report, errors: read.errors }, refusal: 'Filen kunde inte läsas; inget har sparats.' };

  const run = async (tx: Queryable, write: boolean) => {
    const names = await municipalityNames(tx);
    const parsed = parseEconomicsWorkbook(read.sheets, {
      municipalities: Object.entries(names).map(([code, name]) => ({ code, name })),
      year: opts.year ?? null,
      mayImport: (code) => canEditEconomics(viewer, code),
      mayImportScenarios: isEconomicsAdmin(viewer),
      fileName: file.filename,
    });
    const errors = [...parsed.errors];
    const groups = parsed.scenarios.length ? await listGroups(tx, viewerAssociation(viewer)) : [];
    const scenarios: Array<{ s: ImportedScenario; group: GroupRecord }> = [];
    for (const s of parsed.scenarios) {
      const group = await resolveGroup(tx, s, opts.group, groups, names, errors, viewerAssociation(viewer));
      if (group) scenarios.push({ s, group });
    }
    const nameOf = nameOfCodes(names);
    const records: EconomicsYear[] = [];
    const out: EconomicsImportReport = { ...report, sheets: parsed.sheets, warnings: parsed.warnings, errors };
    for (const y of parsed.years) {
      const parts = parsed.parts[`${y.municipalityCode}:${y.year}`] ?? [];
      const stored = await getEconomicsYear(tx, y.municipalityCode, y.year);
      const record = merged(y, parts, stored);
      records.push(record);
      out.years.push({
        municipalityCode: y.municipalityCode,
        municipality: nameOf(y.municipalityCode),
        year: y.year,
        parts,
        budgetLines: y.budgetLines.length,
        pools: y.pools.length,
        towers: y.towers.length,
        netCost: y.netCost?.amount ?? null,
        statedTotal: y.statedTotal?.amount ?? null,
        replaces: stored !== null,
      });
      out.flags.push(...economicsYearView(record, await getBenchmark(tx, record.year), nameOf).flags);
    }
    for (const { s, group } of scenarios) {
      const { groupName: _g, sheet: _s, members: _m, ...input } = s;
      out.scenarios.push({ name: s.name, year: s.year, groupId: group.id, group: group.name, percentages: s.percentages, cells: s.published?.cells.length ?? 0 });
      const others = (await getEconomicsYears(tx, { municipalityCodes: group.members, year: s.year })).filter(
        (r) => !records.some((x) => x.municipalityCode === r.municipalityCode && x.year === r.year),
      );
      const basis = [...others, ...records.filter((r) => r.year === s.year && group.members.includes(r.municipalityCode))];
      out.flags.push(...savingsView({ ...input, groupId: group.id, id: 0 }, basis, nameOf).flags);
    }
    const blocked = errors.length > 0 && !skipInvalid;
    if (!write || dryRun || blocked || (!records.length && !scenarios.length)) return out;

    for (const r of records) await upsertEconomicsYear(tx, r, viewer.id);
    for (const { s, group } of scenarios) {
      const { groupName: _g, sheet: _s, members: _m, ...input } = s;
      await upsertSavingsScenario(tx, { ...input, groupId: group.id });
    }
    await audit(tx, {
      actor: viewer.id,
      action: 'economics.imported',
      target: file.filename ?? 'XLSX-fil',
      ip: importer.ip,
      details: {
        file: file.filename,
        years: out.years.map((y) => `${y.municipality} ${y.year}`),
        scenarios: out.scenarios.map((s) => `${s.name} (${s.group})`),
        errorsSkipped: errors.length,
      },
    });
    out.written = { years: records.length, scenarios: scenarios.length };
    return out;
  };

  const result = dryRun ? await run(db, false) : await db.transaction((tx) => run(tx, true));
  if (!result.errors.length || dryRun) return { report: result };
  if (result.written.years + result.written.scenarios > 0) return { report: result };
  return {
    report: result,
    refusal: skipInvalid
      ? `Importen innehåller ${result.errors.length} fel och inga giltiga rader; inget har sparats.`
      : `Importen innehåller ${result.errors.length} fel; inget har sparats. Rätta felen, eller välj att hoppa över rader med fel.`,
  };
}

/** A short Swedish summary of a report, every error by sheet, row and column (CLI and 400 messages). */
export function formatEconomicsImport(r: EconomicsImportReport): string {
  const where = (e: { sheet: string; row: number; column: string | null; cell?: string }) =>
    [e.sheet ? `Blad ${e.sheet}` : 'Filen', e.row ? `rad ${e.row}` : null, e.column ? `kolumn ${e.column}` : null].filter(Boolean).join(', ') + (e.cell ? ` (${e.cell})` : '');
  const lines = [
    `${r.dryRun ? 'Provkörning: ' : ''}${r.years.length} kommunår och ${r.scenarios.length} besparingsscenarier i filen, ${r.warnings.length} anmärkningar, ${r.errors.length} fel.`,
    ...r.sheets.map((s) => `  ${s.sheet}: ${s.label}${s.kind === 'ignored' ? '' : ` – ${s.rows} rader, ${s.accepted} godkända`}`),
    ...r.years.map(
      (y) =>
        `  ${y.municipality} ${y.year}: ${[
          y.budgetLines && `${y.budgetLines} budgetrader`,
          y.pools && `${y.pools} kostnadspooler`,
          y.towers && `${y.towers} arbetsområden`,
          y.netCost !== null && 'nettokostnad',
          y.statedTotal !== null && 'angiven totalsumma',
        ]
          .filter(Boolean)
          .join(', ')}${y.replaces ? ' (ersätter sparade uppgifter)' : ''}`,
    ),
    ...r.scenarios.map((s) => `  Besparingsscenario ${s.name} ${s.year} för gruppen ${s.group}: ${s.cells} celler`),
    ...r.warnings.map((w) => `  OBS ${where(w)}: ${w.message}`),
    ...r.flags.map((f) => `  ${f.severity === 'error' ? 'FEL' : 'OBS'}: ${f.message}`),
    ...r.errors.map((e) => `  FEL ${where(e)}: ${e.message}`),
  ];
  const written = r.written.years + r.written.scenarios;
  if (r.dryRun) lines.push('Inget har sparats (provkörning).');
  else if (!written && r.errors.length) lines.push('Inget har sparats. Rätta felen, eller använd --skip-invalid för att spara det som är godkänt.');
  else lines.push(`${r.written.years} kommunår och ${r.written.scenarios} besparingsscenarier sparade.${r.errors.length ? ` ${r.errors.length} fel hoppades över.` : ''}`);
  return lines.join('\n');
}
