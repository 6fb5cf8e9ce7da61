// The analysis of rounds for the HTTP API and the CLI: loads a round's counted responses (see
// store/analysis.ts for which responses count), evaluates them per municipality and combines the
// municipalities' partials (domain/analysis/engine.ts), keeps the result in memory, then shapes it for
// the viewer (domain/analysis/views.ts), keeping the shaped view per viewer class too.
//
// Cache (issue 15): one entry per database, round (and its instrument version) and filter
// (respondent type, area), holding one partial per municipality with the version it was computed
// from. Before an entry is served the round's versions are read (store/analysis.ts analysisStamps:
// one small index range; triggers change a municipality's version in the same transaction as any
// change of its counted responses, migration 027), so a process never serves an analysis older than
// a committed answer, whichever process stored it. When versions changed, only those municipalities
// are loaded and evaluated again and the partials are combined (no pass over the other answers).
// Every request for one entry shares one computation: a request that finds the versions it read
// being computed waits for that; one that read newer versions chains its update after it, so no
// two computations of an entry run at once. Least recently used entries are dropped beyond
// CACHE_ENTRIES entries or CACHE_MAX_RESPONSES responses in total per database (a national round,
// 11 600 responses × 60 answers, holds ≈ 60 MB).
import type { Queryable } from '../db/db.ts';
import { badRequest, notFound } from '../domain/errors.ts';
import { anonymiseMunicipalities } from '../domain/analysis/privacy.ts';
import { IncompatibleRoundsError, type ChangeMeasure } from '../domain/analysis/change.ts';
import {
  ViewAccessError,
  assertCanViewRound,
  buildContextFromPartials,
  candidateFor,
  compareView,
  measureError,
  municipalityView,
  regionalView,
  type AnalysisContext,
  type AnalysisView,
  type AnalysisViewer,
  type CandidateEvidence,
  type CompareView,
  type Filters,
  type Naming,
  type RoundInfo,
} from '../domain/analysis/views.ts';
import { instrumentSchema, type Instrument } from '../domain/instruments/schema.ts';
import { instrumentOfRound } from '../rounds/service.ts';
import { referenceMarksOf } from '../benchmarks/reference-marks.ts';
import { withReferences } from '../domain/benchmarks/maturity-references.ts';
import { analysisStamps, anonymisationSecret, anonymisationSeed, areaLabels, eachMunicipalityResponses, municipalityNames, viewVersions } from '../store/analysis.ts';
import { partialMaker, type MunicipalityPartial } from '../domain/analysis/engine.ts';
import { getRound } from '../store/rounds.ts';
import { canUseAssociation } from '../domain/association-scope.ts';
import { NO_ASSOCIATION, viewerAssociation } from '../domain/association-scope.ts';
import { publishedChangeFigures, withPublished } from '../domain/analysis/published-view.ts';
import { publishedView } from '../published/common.ts';
import { hasPublished } from '../store/published.ts';

export const CACHE_ENTRIES = 16;
export const CACHE_MAX_RESPONSES = 50_000;

/** A request the analysis cannot serve: 400 (bad input), 403 (not allowed) or 404 (unknown). */
/** Converts the domain's refusals of a comparison into AppError; rethrows anything else. */
export function asRequestError(e: unknown): never {
  if (e instanceof IncompatibleRoundsError) throw badRequest(e.message);
  throw e;
}

/** One computed state of an entry: the partials, the versions they were computed from, the context and shaped views. */
interface State {
  stamps: string;
  partials: Map<string, MunicipalityPartial>;
  context: AnalysisContext;
  /** Shaped views per viewer class (viewKey), valid for this state. */
  views: Map<string, { inputs: string; view: AnalysisView }>;
}
interface Entry {
  /** The versions of the newest state asked for (perhaps still being computed). */
  stamps: string;
  state: Promise<State>;
  /** Responses held, once computed. */
  size: number;
}
const caches = new WeakMap<Queryable, Map<string, Entry>>();

/** What the cache did, for the bench and the tests: full loads, municipalities loaded again, combines. */
export const analysisCacheStats = { fullLoads: 0, municipalitiesReloaded: 0, combines: 0 };

/** Drops every cached analysis of a database (tests, or after bulk changes). */
export function clearAnalysisCache(db: Queryable): void {
  caches.delete(db);
}

/** The round; with `viewer`, a round of another association than the viewer's does not exist (404). */
export async function roundInfo(db: Queryable, id: number, viewer?: AnalysisViewer): Promise<RoundInfo> {
  const r = await getRound(db, id);
  if (!r || (viewer && !canUseAssociation(viewer, r.associationId))) throw notFound(`Mätomgången ${id} finns inte`);
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    instrument: r.instrument,
    instrumentVersion: r.instrumentVersion,
    municipalities: r.municipalities,
  };
}

const parsedInstruments = new WeakMap<object, Instrument>();
async function instrumentOf(db: Queryable, round: RoundInfo): Promise<Instrument> {
  const stored = await instrumentOfRound(db, round);
  let ins = parsedInstruments.get(stored);
  if (!ins) {
    // Stored definitions were validated when stored; parsing again applies defaults of newer schema versions.
    ins = instrumentSchema.parse(stored);
    parsedInstruments.set(stored, ins);
  }
  return ins;
}

/** Validates the filters against the round's instrument and the areas; 400 with a Swedish message otherwise. */
export async function checkFilters(db: Queryable, instrument: Instrument, filters: Filters): Promise<void> {
  if (filters.respondentType !== null) {
    const types = instrument.respondentTypes.map((t) => t.id);
    if (instrument.mode === 'self-assessment') types.push('kommunansvarig');
    if (!types.includes(filters.respondentType))
      throw badRequest(types.length
          ? `Okänd respondenttyp "${filters.respondentType}". Välj bland: ${types.join(', ')}`
          : `Instrumentet "${instrument.title}" har inga respondenttyper att filtrera på`,
      );
  }
  if (filters.area !== null) {
    const areas = await areaLabels(db);
    if (!areas.some((a) => a.id === filters.area))
      throw badRequest(`Okänt verksamhetsområde "${filters.area}". Välj bland: ${areas.map((a) => a.id).join(', ')}`);
  }
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function parseStamps(s: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!s) return out;
  for (const part of s.split(',')) {
    const i = part.lastIndexOf(':');
    out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

/**
 * Loads the municipalities' responses (all, or only `municipalities`) into their partials, each
 * municipality evaluated as soon as it has been read (while the database reads the next).
 */
async function loadPartials(
  db: Queryable,
  round: RoundInfo,
  instrument: Instrument,
  filters: Filters,
  into: Map<string, MunicipalityPartial>,
  municipalities?: readonly string[],
): Promise<void> {
  const make = partialMaker(instrument);
  await eachMunicipalityResponses(db, round.id, municipalities ? { ...filters, municipalities } : filters, (code, responses) =>
    into.set(code, make(code, responses)),
  );
}

/** Every municipality's partial. */
async function loadAll(db: Queryable, round: RoundInfo, instrument: Instrument, filters: Filters): Promise<Map<string, MunicipalityPartial>> {
  analysisCacheStats.fullLoads++;
  const partials = new Map<string, MunicipalityPartial>();
  await loadPartials(db, round, instrument, filters, partials);
  return partials;
}

/** The state for `stamps`: from `prev` by loading only the municipalities whose version changed, else from scratch. */
async function computeState(
  db: Queryable,
  round: RoundInfo,
  instrument: Instrument,
  filters: Filters,
  prev: State | null,
  stamps: string,
): Promise<State> {
  let partials: Map<string, MunicipalityPartial>;
  if (!prev) partials = await loadAll(db, round, instrument, filters);
  else {
    const before = parseStamps(prev.stamps);
    const now = parseStamps(stamps);
    const changed = [...new Set([...before.keys(), ...now.keys()])].filter((c) => before.get(c) !== now.get(c));
    partials = new Map(prev.partials);
    if (changed.length) {
      analysisCacheStats.municipalitiesReloaded += changed.length;
      for (const c of changed) partials.delete(c);
      await loadPartials(db, round, instrument, filters, partials, changed);
    }
  }
  analysisCacheStats.combines++;
  const ordered = [...partials.keys()].sort(byCode).map((c) => partials.get(c)!);
  return { stamps, partials, context: buildContextFromPartials(round, instrument, filters, ordered), views: new Map() };
}

/** The (cached) state of a round and filter: see the file comment. */
async function analysisState(db: Queryable, round: RoundInfo, filters: Filters, readStamps?: string): Promise<State> {
  const instrument = await instrumentOf(db, round);
  await checkFilters(db, instrument, filters);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${round.id}\u0000${round.instrument}\u0000${round.instrumentVersion}\u0000${filters.respondentType ?? ''}\u0000${filters.area ?? ''}`;
  // Read before any response is loaded: data read later is at least as new, never older.
  const stamps = readStamps ?? (await analysisStamps(db, round.id));
  const hit = cache.get(key);
  if (hit && hit.stamps === stamps) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit.state;
  }
  // One computation per entry at a time: an update starts from the state before it (or its failure: from scratch).
  const previous: Promise<State | null> = hit ? hit.state.catch(() => null) : Promise.resolve(null);
  const state = previous.then((prev) => (prev && prev.stamps === stamps ? prev : computeState(db, round, instrument, filters, prev, stamps)));
  const entry: Entry = { stamps, state, size: hit?.size ?? 0 };
  cache.delete(key);
  cache.set(key, entry);
  state.then(
    (s) => {
      entry.size = s.context.responses.length;
      evict(cache);
    },
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  evict(cache);
  return state;
}

/** The (cached) analysis context of a round and filter. */
export async function analysisContext(db: Queryable, round: RoundInfo, filters: Filters): Promise<AnalysisContext> {
  const ctx = (await analysisState(db, round, filters)).context;
  // The round's title or status may have changed since the entry was made: use the current one.
  return ctx.round === round ? ctx : { ...ctx, round };
}

/** Drops least recently used entries (never the newest) beyond the entry and response limits. */
function evict(cache: Map<string, Entry>) {
  const total = () => [...cache.values()].reduce((s, e) => s + e.size, 0);
  while (cache.size > 1 && (cache.size > CACHE_ENTRIES || total() > CACHE_MAX_RESPONSES)) cache.delete(cache.keys().next().value as string);
}

/** The viewer's class: everything of the viewer a view depends on. */
function viewKey(kind: string, viewer: AnalysisViewer): string {
  return `${kind}\u0000${viewer.role}\u0000${viewer.role === 'kommunansvarig' ? [...viewer.municipalities].sort().join(',') : ''}`;
}

/** A shaped view from the state's cache, made once per viewer class and inputs (round facts, names, labels, areas). */
function cachedView(state: State, key: string, inputs: unknown[], make: () => AnalysisView): AnalysisView {
  const text = JSON.stringify(inputs);
  const hit = state.views.get(key);
  if (hit && hit.inputs === text) return hit.view;
  const view = make();
  state.views.set(key, { inputs: text, view });
  return view;
}

export async function roundNaming(db: Queryable, round: RoundInfo, other?: RoundInfo): Promise<Naming> {
  const names = await municipalityNames(db);
  const codes = other ? [...new Set([...round.municipalities, ...other.municipalities])] : round.municipalities;
  const ids = other ? [round.id, other.id].sort((a, b) => a - b) : [round.id];
  return { names, labels: anonymiseMunicipalities(codes, await anonymisationSeed(db, ...ids)) };
}

/**
 * Municipality names, areas, reference marks and anonymised labels, kept per database and read again
 * only when their version changed (store/analysis.ts viewVersions): a reader of a cached view costs the
 * session, the round and one statement of versions.
 */
const versioned = new WeakMap<Queryable, Map<string, { version: string; value: Promise<unknown> }>>();
function byVersion<T>(db: Queryable, key: string, version: string, load: () => Promise<T>): Promise<T> {
  let cache = versioned.get(db);
  if (!cache) versioned.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = load();
  const entry = { version, value };
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}

/** What the views of a round are made of besides the analysis, and the key of their versions. */
async function viewInputs(db: Queryable, round: RoundInfo) {
  const v = await viewVersions(db, round.id);
  const secret = v.secret ?? (await anonymisationSecret(db));
  const [names, areas, marks, labels] = await Promise.all([
    byVersion(db, 'names', v.names, () => municipalityNames(db)),
    byVersion(db, 'areas', v.areas, () => areaLabels(db)),
    byVersion(db, `marks\u0000${round.instrument}`, v.references, () => referenceMarksOf(db, round.instrument)),
    byVersion(db, `labels\u0000${round.id}`, `${secret}\u0000${round.municipalities.join(',')}`, async () =>
      anonymiseMunicipalities(round.municipalities, `${secret}:${round.id}`),
    ),
  ]);
  // Published aggregates (issue 14) are regional figures: shown with their flags in the regional view.
  const published = v.published ? await publishedView(db, round.id) : null;
  const naming: Naming = { names, labels };
  return { stamps: v.stamps, naming, areas, marks, published, key: [v.names, v.areas, v.references, secret, published] };
}

export interface AnalysisQuery {
  roundId: number;
  filters: Filters;
}

export async function getRegionalView(db: Queryable, viewer: AnalysisViewer, q: AnalysisQuery): Promise<AnalysisView> {
  const round = await roundInfo(db, q.roundId, viewer);
  try {
    assertCanViewRound(viewer, round); // refuse before doing any work
    const { stamps, naming, areas, marks, published, key } = await viewInputs(db, round);
    const state = await analysisState(db, round, q.filters, stamps);
    const ctx = state.context.round === round ? state.context : { ...state.context, round };
    // The same view object while nothing it is made of changed (the route keeps its JSON and gzip with it).
    return cachedView(state, viewKey('regional', viewer), [round, key], () => {
      const view = withReferences(regionalView(ctx, viewer, naming, areas), marks);
      return published ? withPublished(view, ctx.instrument, published) : view;
    });
  } catch (e) {
    return asRequestError(e);
  }
}

export async function getMunicipalityView(db: Queryable, viewer: AnalysisViewer, q: AnalysisQuery & { municipality: string }): Promise<AnalysisView> {
  const round = await roundInfo(db, q.roundId, viewer);
  const names = await municipalityNames(db);
  if (!(q.municipality in names)) throw notFound(`Kommunen med kod ${q.municipality} finns inte`);
  try {
    if (viewer.role !== 'forbundsadmin' && !(viewer.role === 'kommunansvarig' && viewer.municipalities.includes(q.municipality)))
      throw new ViewAccessError('forbidden', 'Du har inte behörighet till den här kommunens resultat');
    if (!round.municipalities.includes(q.municipality))
      throw new ViewAccessError('not_found', `Kommunen ${names[q.municipality]} ingår inte i mätomgången`);
    const { stamps, naming, areas, marks, key } = await viewInputs(db, round);
    const state = await analysisState(db, round, q.filters, stamps);
    const ctx = state.context.round === round ? state.context : { ...state.context, round };
    return cachedView(state, `${viewKey('municipality', viewer)}\u0000${q.municipality}`, [round, key.slice(0, 4)], () =>
      withReferences(municipalityView(ctx, viewer, q.municipality, naming, areas), marks),
    );
  } catch (e) {
    return asRequestError(e);
  }
}

/** A samverkanskandidat of a round as the viewer may see it (404 when the item is not a candidate in their view). */
export async function getCandidate(
  db: Queryable,
  viewer: AnalysisViewer,
  q: AnalysisQuery & { itemId: string },
): Promise<{ round: RoundInfo & { instrumentTitle: string }; filters: Filters; candidate: CandidateEvidence }> {
  const round = await roundInfo(db, q.roundId, viewer);
  try {
    assertCanViewRound(viewer, round);
    const ctx = await analysisContext(db, round, q.filters);
    const candidate = candidateFor(ctx, viewer, q.itemId);
    if (!candidate) throw notFound(`Frågan ${q.itemId} är inte en samverkanskandidat i mätomgången ${round.title}`);
    return { round: { ...round, instrumentTitle: ctx.instrument.title }, filters: q.filters, candidate };
  } catch (e) {
    return asRequestError(e);
  }
}

/** Parses "overall", "dimension:<id>", "group:<id>" or "item:<id>". */
export function parseMeasure(s: string | undefined | null): ChangeMeasure | null {
  if (!s || s === 'overall') return { kind: 'overall' };
  const m = /^(dimension|group|item):([a-z0-9][a-z0-9_.-]*)$/.exec(s);
  if (!m) return null;
  return { kind: m[1] as 'dimension' | 'group' | 'item', id: m[2] };
}

/**
 * Change between a round and another round of the same instrument; the round with the earlier
 * period (then the lower id) is "before".
 */
export async function getCompareView(
  db: Queryable,
  viewer: AnalysisViewer,
  q: AnalysisQuery & { otherId: number; measure: ChangeMeasure },
): Promise<CompareView> {
  const round = await roundInfo(db, q.roundId, viewer);
  const other = await roundInfo(db, q.otherId, viewer);
  if (round.id === other.id) throw badRequest('Välj en annan mätomgång att jämföra med');
  try {
    assertCanViewRound(viewer, round);
    assertCanViewRound(viewer, other);
    const [before, after] =
      round.periodStart < other.periodStart || (round.periodStart === other.periodStart && round.id < other.id) ? [round, other] : [other, round];
    const [bIns, aIns] = [await instrumentOf(db, before), await instrumentOf(db, after)];
    if (bIns.id !== aIns.id)
      throw new IncompatibleRoundsError(
        'instrument',
        `Omgångarna kan inte jämföras: "${before.title}" använder instrumentet "${bIns.title}" och "${after.title}" instrumentet "${aIns.title}".`,
      );
    const err = measureError(aIns, q.measure) ?? measureError(bIns, q.measure);
    if (err) throw badRequest(err);
    const [bCtx, aCtx] = [await analysisContext(db, before, q.filters), await analysisContext(db, after, q.filters)];
    const view = compareView(bCtx, aCtx, viewer, await roundNaming(db, before, after), q.measure);
    // A round holding published aggregates (issue 14) against a later respondent-level round: per published figure.
    if (!(await hasPublished(db, before.id))) return view;
    const published = await publishedView(db, before.id);
    const figures = publishedChangeFigures(
      { round: before, figures: published.figures },
      { round: after, instrument: aCtx.instrument, distributions: aCtx.public.distributions },
    );
    return figures.length
      ? { ...view, figures: [...figures, ...view.figures], notes: [`${before.title} innehåller publicerade aggregat; de jämförs per fråga med ${after.title}.`, ...view.notes] }
      : view;
  } catch (e) {
    return asRequestError(e);
  }
}

/** Rounds of the viewer's association whose results the viewer may open (views.assertCanViewRound), newest first. */
export async function visibleRounds(db: Queryable, viewer: AnalysisViewer) {
  const associationId = viewerAssociation(viewer);
  if (associationId === NO_ASSOCIATION) return [];
  const { rows } = await db.query<RoundInfo & { instrumentTitle: string; createdAt: string }>(
    `SELECT r.id, r.title, r.status, to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
            r.instrument_id AS instrument, r.instrument_version AS "instrumentVersion", i.definition->>'title' AS "instrumentTitle",
            COALESCE(array_agg(rm.municipality_code ORDER BY rm.municipality_code) FILTER (WHERE rm.municipality_code IS NOT NULL), '{}') AS municipalities
       FROM rounds r
       JOIN instruments i ON i.id = r.instrument_id AND i.version = r.instrument_version
       LEFT JOIN round_municipalities rm ON rm.round_id = r.id
      WHERE $1::int IS NULL OR r.association_id = $1::int
      GROUP BY r.id, i.definition
      ORDER BY r.period_start DESC, r.id DESC`,
    [associationId ?? null],
  );
  return rows
    .filter((r) => {
      try {
        assertCanViewRound(viewer, r);
        return true;
      } catch {
        return false;
      }
    })
    .map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      instrument: r.instrument,
      instrumentVersion: r.instrumentVersion,
      instrumentTitle: r.instrumentTitle,
      municipalityCount: r.municipalities.length,
      ownMunicipalities: viewer.role === 'kommunansvarig' ? r.municipalities.filter((c) => viewer.municipalities.includes(c)) : [],
    }));
}
