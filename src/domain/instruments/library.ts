// The instrument library: reading an uploaded instrument file (JSON or YAML), the rules for
// changing a stored version, the default version of a duplicate, and the compatibility of two
// versions item by item (which answers can be compared across rounds). Pure and IO-free.
import { parseDocument } from 'yaml';
import { assertComparable, IncompatibleRoundsError } from '../analysis/change.ts';
import { optionsOf } from './answers.ts';
import { itemShortLabel } from './short.ts';
import { validateInstrument, type Instrument, type Item, type Option, type ValidationError } from './schema.ts';

export type InstrumentFormat = 'json' | 'yaml';

/** The format of an instrument file: by file name (.json, .yaml, .yml), else by its first character. */
export function detectFormat(text: string, filename?: string): InstrumentFormat {
  const name = filename?.toLowerCase() ?? '';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Parses the text of an instrument file without validating it; a syntax error is one error at "(rot)". */
export function parseInstrumentData(
  text: string,
  format: InstrumentFormat,
): { ok: true; data: unknown } | { ok: false; errors: ValidationError[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { ok: false, errors: [{ path: '(rot)', message: 'Filen är tom' }] };
  if (format === 'json') {
    try {
      return { ok: true, data: JSON.parse(body) };
    } catch (e) {
      return { ok: false, errors: [{ path: '(rot)', message: `Filen är inte giltig JSON: ${(e as Error).message}` }] };
    }
  }
  const doc = parseDocument(body, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: '(rot)',
        message: `Filen är inte giltig YAML${e.linePos ? ` (rad ${e.linePos[0].line}, kolumn ${e.linePos[0].col})` : ''}: ${e.message.split('\n')[0]}`,
      })),
    };
  return { ok: true, data: doc.toJS({ maxAliasCount: 100 }) };
}

/** Parses and validates an instrument file (JSON or YAML); every error carries its path (e.g. `items[3].scale`). */
export function readInstrumentText(
  text: string,
  opts: { format?: InstrumentFormat; filename?: string } = {},
): { ok: true; instrument: Instrument; format: InstrumentFormat } | { ok: false; errors: ValidationError[]; format: InstrumentFormat } {
  const format = opts.format ?? detectFormat(text, opts.filename);
  const parsed = parseInstrumentData(text, format);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, format };
  const v = validateInstrument(parsed.data);
  return v.ok ? { ok: true, instrument: v.instrument, format } : { ok: false, errors: v.errors, format };
}

// ---- Changing a stored version ------------------------------------------------------------

export interface VersionState {
  /** 'builtin': read from instruments/*.json on every start; 'import': uploaded or duplicated in the app. */
  source: 'builtin' | 'import';
  /** Number of rounds that use the version. */
  usedBy: number;
}

/**
 * Why a stored version may not be changed or deleted in place, or null when it may.
 * A version used by a round is never changed (the round keeps the exact definition it was created
 * with); a built-in version is defined by its file.
 */
export function versionLockReason(state: VersionState): string | null {
  if (state.usedBy > 0)
    return state.usedBy === 1
      ? 'Versionen används av en mätomgång och kan inte ändras.'
      : `Versionen används av ${state.usedBy} mätomgångar och kan inte ändras.`;
  if (state.source === 'builtin') return 'Versionen är inbyggd (den läses från instrumentfilerna) och kan inte ändras.';
  return null;
}

/** Newest first: version ids compared as text with their numbers as numbers (2024.10 after 2024.9). */
export const byVersionDesc = (a: string, b: string) => b.localeCompare(a, 'sv', { numeric: true });

/**
 * The version a new round takes when none is chosen: the newest settled version (built in, or
 * already used by a round), so that a draft still being edited is never sent out by default; the
 * newest draft only when the instrument has nothing else.
 */
export function defaultRoundVersion<V extends VersionState & { version: string }>(versions: readonly V[]): V | undefined {
  const newestFirst = [...versions].sort((a, b) => byVersionDesc(a.version, b.version));
  return newestFirst.find((v) => versionLockReason(v) !== null) ?? newestFirst[0];
}

/** A version id: what may stand in a URL and a file name. */
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;

/**
 * The version a duplicate gets by default: the next free minor version within the same major version
 * (so that rounds on the duplicate stay comparable with rounds on the original), e.g. 2024.1 → 2024.2;
 * a version without a number gets ".1".
 */
export function nextVersion(version: string, taken: readonly string[]): string {
  const used = new Set(taken);
  const m = /^(.*?)(\d+)$/.exec(version);
  let candidate: string;
  if (m && m[1].includes('.')) {
    // 2024.1 → 2024.2; v1.9 → v1.10
    let n = Number(m[2]) + 1;
    while (used.has((candidate = `${m[1]}${n}`))) n++;
    return candidate;
  }
  let n = 1;
  while (used.has((candidate = `${version}.${n}`))) n++;
  return candidate;
}

// ---- Compatibility of two versions ----------------------------------------------------------

/**
 * - same: nothing a respondent sees or the analysis uses has changed
 * - comparable: answers can be compared, but texts a respondent sees have changed (flagged in `changes`)
 * - not-comparable: the item's answers mean something else (type, answer options or their values, direction, unit)
 * - added / removed: the item exists in only one of the versions
 */
export type ItemCompatibility = 'same' | 'comparable' | 'not-comparable' | 'added' | 'removed';

/** Flags, Swedish labels in COMPATIBILITY_CHANGE_LABELS. */
export type CompatibilityChange =
  | 'type'
  | 'options'
  | 'values'
  | 'reversed'
  | 'unit'
  | 'text'
  | 'short'
  | 'description'
  | 'optionLabels'
  | 'group'
  | 'respondentTypes'
  | 'recommendation'
  | 'target';

export const COMPATIBILITY_CHANGE_LABELS: Record<CompatibilityChange, string> = {
  type: 'Frågetypen har ändrats',
  options: 'Svarsalternativen har ändrats',
  values: 'Svarsalternativens värden har ändrats',
  reversed: 'Skalans riktning har ändrats',
  unit: 'Enheten har ändrats',
  text: 'Frågetexten har ändrats',
  short: 'Kortnamnet har ändrats',
  description: 'Hjälptexten har ändrats',
  optionLabels: 'Svarsalternativens texter har ändrats',
  group: 'Frågan har flyttats till en annan grupp',
  respondentTypes: 'Vilka respondenttyper som får frågan har ändrats',
  recommendation: 'Rekommendationen har ändrats',
  target: 'Målnivån har ändrats',
};

export const ITEM_COMPATIBILITY_LABELS: Record<ItemCompatibility, string> = {
  same: 'Oförändrad',
  comparable: 'Jämförbar, med ändrad text',
  'not-comparable': 'Inte jämförbar',
  added: 'Ny fråga',
  removed: 'Borttagen fråga',
};

export interface ItemComparison {
  id: string;
  status: ItemCompatibility;
  changes: CompatibilityChange[];
  /** The item's text in the earlier and the later version. */
  before?: string;
  after?: string;
}

export interface VersionCompatibility {
  from: { id: string; version: string };
  to: { id: string; version: string };
  /** Whether the analysis compares rounds on these versions at all (same instrument, same major version). */
  roundsComparable: boolean;
  /** Swedish reason when roundsComparable is false. */
  reason: string | null;
  /** Items of the earlier version in its order, then items added in the later one. */
  items: ItemComparison[];
  counts: Record<ItemCompatibility, number>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sortedTypes = (i: Item) => [...(i.respondentTypes ?? [])].sort();

/** Compares one item present in both versions. */
export function compareItem(before: Instrument, a: Item, after: Instrument, b: Item): ItemComparison {
  const changes: CompatibilityChange[] = [];
  const oa: Option[] = optionsOf(before, a);
  const ob: Option[] = optionsOf(after, b);
  if (a.type !== b.type) changes.push('type');
  else {
    // Answers are stored as option codes: the same codes with the same values compare.
    const codes = (os: Option[]) => os.map((o) => o.code).sort();
    if (!same(codes(oa), codes(ob))) changes.push('options');
    else {
      const valueOf = new Map(ob.map((o) => [o.code, o.value]));
      if (oa.some((o) => valueOf.get(o.code) !== o.value)) changes.push('values');
      const labelOf = new Map(ob.map((o) => [o.code, `${o.label}\u0000${o.description ?? ''}`]));
      if (oa.some((o) => labelOf.get(o.code) !== `${o.label}\u0000${o.description ?? ''}`)) changes.push('optionLabels');
    }
    if (!!a.reversed !== !!b.reversed) changes.push('reversed');
    if (a.type === 'number' && (a.unit ?? '') !== (b.unit ?? '')) changes.push('unit');
  }
  if (a.text.trim() !== b.text.trim()) changes.push('text');
  if (itemShortLabel(a) !== itemShortLabel(b)) changes.push('short');
  if ((a.description ?? '').trim() !== (b.description ?? '').trim()) changes.push('description');
  if ((a.group ?? null) !== (b.group ?? null)) changes.push('group');
  if (!same(sortedTypes(a), sortedTypes(b))) changes.push('respondentTypes');
  if ((a.recommendation ?? '').trim() !== (b.recommendation ?? '').trim()) changes.push('recommendation');
  if (!same(a.target, b.target)) changes.push('target');
  const breaking = changes.some((c) => c === 'type' || c === 'options' || c === 'values' || c === 'reversed' || c === 'unit');
  const status: ItemCompatibility = breaking ? 'not-comparable' : changes.length ? 'comparable' : 'same';
  return { id: a.id, status, changes, before: a.text, after: b.text };
}

/**
 * The compatibility of two instrument versions: whether the analysis compares rounds on them
 * (the rule of src/domain/analysis/change.ts: same instrument id and same major version), and per
 * item whether its answers can be compared (same id, same type, same answer codes with the same
 * values, same direction and unit); changed wording is flagged but does not break the comparison.
 */
export function compareVersions(before: Instrument, after: Instrument): VersionCompatibility {
  let reason: string | null = null;
  try {
    assertComparable(before, after);
  } catch (e) {
    if (!(e instanceof IncompatibleRoundsError)) throw e;
    reason = e.message.replace(/^Omgångarna kan inte jämföras: /, 'Mätomgångar på versionerna jämförs inte i analysen: ');
  }
  const later = new Map(after.items.map((i) => [i.id, i]));
  const earlier = new Set(before.items.map((i) => i.id));
  const items: ItemComparison[] = before.items.map((a) => {
    const b = later.get(a.id);
    return b ? compareItem(before, a, after, b) : { id: a.id, status: 'removed', changes: [], before: a.text };
  });
  for (const b of after.items) if (!earlier.has(b.id)) items.push({ id: b.id, status: 'added', changes: [], after: b.text });
  const counts: Record<ItemCompatibility, number> = { same: 0, comparable: 0, 'not-comparable': 0, added: 0, removed: 0 };
  for (const i of items) counts[i.status]++;
  return {
    from: { id: before.id, version: before.version },
    to: { id: after.id, version: after.version },
    roundsComparable: reason === null,
    reason,
    items,
    counts,
  };
}
