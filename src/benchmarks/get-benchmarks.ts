// The comparison a viewer may see (docs/benchmarks.md): a kommunansvarig for an own municipality, a
// förbundsadmin for a member of its association, the region's analyst one anonymised aggregate per
// association. Loads each association's latest closed round of a compatible version of the instrument
// and hands the municipality scores to the pure comparison (src/domain/benchmarks/comparison.ts).
import { analysisContext, roundInfo } from '../analysis/service.ts';
import type { Queryable } from '../db/db.ts';
import { assertComparable, IncompatibleRoundsError } from '../domain/analysis/change.ts';
import { scoringSettings } from '../domain/analysis/values.ts';
import { compareBenchmarks, type AssociationRound, type BenchmarkComparison, type BenchmarkViewer } from '../domain/benchmarks/comparison.ts';
import { referenceMarks } from '../domain/benchmarks/references.ts';
import { badRequest, forbidden } from '../domain/errors.ts';
import { instrumentSchema, type Instrument } from '../domain/instruments/schema.ts';
import type { Viewer } from '../domain/organisation.ts';
import { listAssociations } from '../store/associations.ts';
import { getInstrument, listInstruments } from '../store/instruments.ts';
import { closedRoundsOf, getMinMunicipalities, listReferenceSeries } from '../store/references.ts';
import { availableMeasures, withLabel } from './common.ts';

export interface BenchmarkQuery {
  instrument: string;
  municipality?: string;
}

async function knownInstrument(db: Queryable, id: string, version?: string): Promise<Instrument> {
  const ins = await getInstrument(db, id, version);
  if (!ins) {
    const known = (await listInstruments(db)).map((i) => i.id).join(', ');
    throw badRequest(`Instrumentet "${id}" finns inte. Välj bland: ${known}`, [{ path: 'instrument', label: 'Instrument', message: `Instrumentet "${id}" finns inte` }]);
  }
  return instrumentSchema.parse(ins);
}

/** The municipality whose view it is, checked against the viewer; null for the region's analyst. */
async function viewerMunicipality(db: Queryable, viewer: Viewer, code: string | undefined): Promise<{ code: string; name: string; associationId: number } | null> {
  if (viewer.role === 'regionanalytiker') {
    if (code !== undefined) throw forbidden('Regionanalytikern jämför förbunden, inte enskilda kommuner');
    return null;
  }
  if (viewer.role !== 'forbundsadmin' && viewer.role !== 'kommunansvarig') throw forbidden('Du har inte behörighet till jämförelserna');
  if (code === undefined && viewer.role === 'kommunansvarig' && viewer.municipalities.length === 1) code = viewer.municipalities[0];
  if (code === undefined) {
    const message = 'Ange vilken kommun som ska jämföras (SCB-kod)';
    throw badRequest(message, [{ path: 'municipality', label: 'Kommun', message }]);
  }
  const row = (await db.query<{ name: string; association_id: number | null }>('SELECT name, association_id FROM municipalities WHERE code = $1', [code])).rows[0];
  if (!row) {
    const message = `Kommunen med kod ${code} finns inte`;
    throw badRequest(message, [{ path: 'municipality', label: 'Kommun', message }]);
  }
  if (viewer.role === 'kommunansvarig' && !viewer.municipalities.includes(code)) throw forbidden('Du kan bara jämföra dina egna kommuner');
  if (viewer.role === 'forbundsadmin' && viewer.associationMembers !== undefined && !viewer.associationMembers.includes(code)) {
    const message = `${row.name} ingår inte i ert kommunalförbund`;
    throw badRequest(message, [{ path: 'municipality', label: 'Kommun', message }]);
  }
  if (row.association_id == null) {
    const message = `${row.name} ingår inte i något kommunalförbund`;
    throw badRequest(message, [{ path: 'municipality', label: 'Kommun', message }]);
  }
  return { code, name: row.name, associationId: Number(row.association_id) };
}

const comparable = (a: Instrument, b: Instrument) => {
  try {
    assertComparable(a, b);
    return true;
  } catch (e) {
    if (e instanceof IncompatibleRoundsError) return false;
    throw e;
  }
};

export async function getBenchmarks(db: Queryable, viewer: Viewer, q: BenchmarkQuery): Promise<BenchmarkComparison> {
  let base = await knownInstrument(db, q.instrument);
  const who = await viewerMunicipality(db, viewer, q.municipality);
  const closed = await closedRoundsOf(db, base.id);
  // The version the comparison is read in: the viewer's association's latest closed round (else the newest one).
  const anchor = (who && closed.find((r) => r.associationId === who.associationId)) ?? closed[0];
  if (anchor) base = await knownInstrument(db, base.id, anchor.version);
  const associations = new Map((await listAssociations(db)).map((a) => [a.id, a]));
  const chosen = new Map<number, number>();
  for (const r of closed) {
    if (chosen.has(r.associationId) || !associations.has(r.associationId)) continue;
    if (!comparable(base, await knownInstrument(db, base.id, r.version))) continue;
    chosen.set(r.associationId, r.id);
  }
  const rounds: AssociationRound[] = [];
  for (const [associationId, roundId] of chosen) {
    const info = await roundInfo(db, roundId);
    const ctx = await analysisContext(db, info, { respondentType: null, area: null });
    const a = associations.get(associationId)!;
    rounds.push({
      associationId,
      associationName: a.name,
      regionName: a.region,
      round: { id: info.id, title: info.title, version: info.instrumentVersion, periodEnd: info.periodEnd },
      municipalities: ctx.full.municipalityScores,
    });
  }
  const measures = await availableMeasures(db);
  const series = (await listReferenceSeries(db)).map((s) => withLabel(s, measures));
  const bv: BenchmarkViewer = who ? { kind: 'municipality', ...who } : { kind: 'region' };
  return compareBenchmarks(
    base,
    rounds,
    bv,
    {
      minMunicipalities: await getMinMunicipalities(db),
      minRespondents: base.mode === 'self-assessment' ? 1 : scoringSettings(base).suppressionMin,
    },
    referenceMarks(series, base.id),
  );
}
