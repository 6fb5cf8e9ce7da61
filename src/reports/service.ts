// Reports of a round for the HTTP API and the CLI: loads the round (analysis context cached by the
// analysis service, sample, names), builds the report models (domain/reports) and renders them.
//
// Which figures a report shows is the analysis' one privacy rule (domain/analysis/viewer.ts), asked for
// the report's readers: the regional report and the region in a delrapport use the region "as others see
// it" — municipalities with fewer than scoring.suppressionMin counted respondents are left out and
// counted in a note; a delrapport shows its own municipality in full.
import type { Queryable } from '../db/db.ts';
import { anonymiseMunicipalities } from '../domain/analysis/privacy.ts';
import { viewerFigures, type MunicipalityNaming } from '../domain/analysis/viewer.ts';
import type { AnalysisContext } from '../domain/analysis/views.ts';
import type { ReportInput } from '../domain/reports/common.ts';
import { buildDelrapport, NotInRoundError } from '../domain/reports/delrapport.ts';
import type { ReportModel } from '../domain/reports/model.ts';
import { buildRegionalReport } from '../domain/reports/regional.ts';
import { isoDate } from '../domain/reports/swedish.ts';
import { ASSOCIATION } from '../domain/organisation.ts';
import { analysisContext } from '../analysis/service.ts';
import { instrumentOfRound, requireRound } from '../rounds/service.ts';
import { anonymisationSeed, municipalityNames } from '../store/analysis.ts';
import { listAreas } from '../store/organisation.ts';
import { publishedView } from '../published/common.ts';
import { hasPublished } from '../store/published.ts';
import { roundAssociation, roundSample } from '../store/reports.ts';
import type { Round } from '../store/rounds.ts';
import { groupReportFileName } from './group-report.ts';
import { loadMunicipalitySections, type MunicipalitySections } from './municipality-sections.ts';
import { renderReport, slug, type ReportFormat } from './render/index.ts';

export { NotInRoundError };

/** Everything the report builders need for one round, loaded once (a batch reuses it). */
export interface RoundReportData {
  round: Round;
  context: AnalysisContext;
  base: Omit<ReportInput, 'responses' | 'analysis' | 'view'>;
  names: Record<string, string>;
  /** Names and the anonymised "Kommun 1…N" labels (the round's seed, not published). */
  naming: MunicipalityNaming;
  /** Per municipality of the round: the delrapport's "IT-ekonomi" and "Risker" sections' data, where there is any. */
  sections: Record<string, MunicipalitySections>;
}

export async function loadRoundReportData(db: Queryable, roundId: number, now = new Date()): Promise<RoundReportData> {
  const round = await requireRound(db, roundId);
  const instrument = await instrumentOfRound(db, round);
  const context = await analysisContext(
    db,
    {
      id: round.id,
      title: round.title,
      status: round.status,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      instrument: round.instrument,
      instrumentVersion: round.instrumentVersion,
      municipalities: round.municipalities,
    },
    { respondentType: null, area: null },
  );
  const [sample, areas, association, seed, names] = await Promise.all([
    roundSample(db, round.id),
    listAreas(db),
    roundAssociation(db, round.municipalities),
    anonymisationSeed(db, round.id),
    municipalityNames(db),
  ]);
  const sections = await loadMunicipalitySections(db, round.municipalities, Number(round.periodEnd.slice(0, 4)), names);
  const published = (await hasPublished(db, round.id)) ? await publishedView(db, round.id) : null;
  return {
    round,
    context,
    names,
    sections,
    naming: { names, labels: anonymiseMunicipalities(round.municipalities, seed) },
    base: {
      round: {
        id: round.id,
        title: round.title,
        status: round.status,
        periodStart: round.periodStart,
        periodEnd: round.periodEnd,
        municipalities: round.municipalities,
        isDemo: round.isDemo,
        demoNote: round.demoNote,
      },
      instrument: context.instrument ?? instrument,
      sample,
      areas,
      association: association ?? ASSOCIATION,
      generatedAt: isoDate(now),
      responseSelection: 'completed',
      municipalityNames: names,
      ...(published ? { published: { figures: published.figures, flags: published.flags, sources: published.sources } } : {}),
    },
  };
}

/** The anonymised regional report. */
export function regionalModel(data: RoundReportData): ReportModel {
  const view = viewerFigures(data.context, { kind: 'regional-report' }, data.naming);
  return buildRegionalReport({ ...data.base, responses: [...view.responses], analysis: view.region, view });
}

/** The delrapport of one municipality of the round (NotInRoundError when it is not in the round). */
export function delrapportModel(data: RoundReportData, code: string): ReportModel {
  if (!data.round.municipalities.includes(code)) throw new NotInRoundError(code);
  const { context } = data;
  return buildDelrapport({
    ...data.base,
    municipality: { code, name: data.names[code] ?? code },
    responses: [...context.responses],
    analysis: context.full,
    view: viewerFigures(context, { kind: 'delrapport', municipality: code }, data.naming),
    economics: data.sections[code]?.economics ?? null,
    risks: data.sections[code]?.risks ?? null,
  });
}

/** "regional-rapport-omgang-3.pdf", "delrapport-mellerud-omgang-3.pdf". */
export function reportFileName(model: ReportModel, format: ReportFormat | 'json'): string {
  if (model.kind === 'group') return groupReportFileName(model, format);
  const who = model.municipality ? `delrapport-${slug(model.municipality.name)}` : 'regional-rapport';
  return `${who}-omgang-${model.meta.roundId ?? 0}.${format}`;
}

export async function renderModel(model: ReportModel, format: ReportFormat): Promise<Buffer> {
  return renderReport(model, format);
}

export interface RenderedDelrapport {
  /** The file's name in a batch's zip. */
  name: string;
  /** The municipality's name, for progress lines. */
  current?: string;
  body: Buffer;
}

/** One municipality's delrapport rendered as `format`: its model lives only as long as its render. */
export async function renderDelrapport(data: RoundReportData, code: string, format: ReportFormat): Promise<RenderedDelrapport> {
  const model = delrapportModel(data, code);
  return { name: reportFileName(model, format), current: model.municipality?.name, body: await renderReport(model, format) };
}

export type { Round };
