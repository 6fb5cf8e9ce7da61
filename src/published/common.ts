// What the published-aggregate use cases share: the round and its instrument, and the view of a
// round's published figures with their data-quality flags.
import type { Queryable } from '../db/db.ts';
import type { QualityFlag } from '../domain/analysis/quality.ts';
import { notFound } from '../domain/errors.ts';
import { instrumentSchema, type Instrument } from '../domain/instruments/schema.ts';
import { optionsOfItem, publishedFigures, publishedQualityFlags, type PublishedFigure, type StoredPublishedAggregate } from '../domain/published.ts';
import { instrumentOfRound } from '../rounds/service.ts';
import { listPublished } from '../store/published.ts';
import { getRound, type Round } from '../store/rounds.ts';

export async function roundAndInstrument(db: Queryable, roundId: number): Promise<{ round: Round; instrument: Instrument }> {
  const round = await getRound(db, roundId);
  if (!round) throw notFound(`Mätomgången ${roundId} finns inte`);
  return { round, instrument: instrumentSchema.parse(await instrumentOfRound(db, round)) };
}

export interface PublishedView {
  round: { id: number; title: string; instrument: string; instrumentVersion: string; instrumentTitle: string };
  /** Sources cited by the aggregates, by title (docs/sources.md). */
  sources: string[];
  figures: PublishedFigure[];
  aggregates: StoredPublishedAggregate[];
  /** The instrument's items that can hold a published aggregate (those with answer options), with their options. */
  items: Array<{ id: string; text: string; type: string; options: Array<{ code: string; label: string }> }>;
  /** Every data-quality flag of the round's published aggregates. */
  flags: QualityFlag[];
}

/** A round's published aggregates as figures, with their flags (empty lists for a round without any). */
export async function publishedView(db: Queryable, roundId: number): Promise<PublishedView> {
  const { round, instrument } = await roundAndInstrument(db, roundId);
  const order = new Map(instrument.items.map((it, i) => [it.id, i]));
  const aggregates = (await listPublished(db, roundId)).sort((a, b) => (order.get(a.itemId) ?? 1e9) - (order.get(b.itemId) ?? 1e9));
  return {
    round: { id: round.id, title: round.title, instrument: round.instrument, instrumentVersion: round.instrumentVersion, instrumentTitle: instrument.title },
    sources: [...new Set(aggregates.map((a) => a.source.title))],
    figures: publishedFigures(instrument, aggregates),
    aggregates,
    items: instrument.items
      .map((it) => ({ id: it.id, text: it.text, type: it.type, options: optionsOfItem(instrument, it).map(({ code, label }) => ({ code, label })) }))
      .filter((it) => it.options.length > 0),
    flags: publishedQualityFlags(instrument, aggregates),
  };
}
