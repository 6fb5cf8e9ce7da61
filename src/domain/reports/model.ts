// The report model (DOMAIN.md §6): one format-neutral description of a report, built by the pure
// builders in this folder (regional.ts, delrapport.ts) and rendered to PDF, DOCX, XLSX and the web
// preview by src/reports/render/*. JSON-able; no IO.
//
// Numbers stay numbers: a table cell holds the unrounded figure and its column says how to show it
// (`percent` = 0–100 percentage, shown "33 %", written to Excel as the fraction 0.33 with a % format).
// Rounding is the renderer's job, so the Excel sheet carries the analysis' exact figures.

import { specTexts, type ChartSpec } from '../charts/spec.ts';

/**
 * `sek`: whole kronor ("1 992 000 kr"); `signed`: a whole number with its sign ("+946 608", "-3 373");
 * `percent2`: a 0–100 percentage with two decimals ("1,82 %", an IT share of net cost).
 */
export type ColumnFormat = 'text' | 'int' | 'decimal' | 'percent' | 'percent2' | 'pp' | 'sek' | 'signed';

export interface Column {
  label: string;
  format?: ColumnFormat;
  /** Relative width (default 1). */
  width?: number;
}

export type Cell = string | number | null;

export interface TableBlock {
  kind: 'table';
  caption: string;
  columns: Column[];
  rows: Cell[][];
  /** Rows to emphasise (e.g. improvement candidates, a totals row), by index. */
  emphasis?: number[];
  note?: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** 'note': smaller, muted (data-quality remarks, method notes); 'lead': the section's key sentence. */
  style?: 'normal' | 'lead' | 'note';
}

export interface BulletsBlock {
  kind: 'bullets';
  /** Optional heading line above the list (e.g. "Utmaningar"). */
  title?: string;
  items: string[];
}

export interface SubheadingBlock {
  kind: 'subheading';
  text: string;
}

// Charts: the one chart specification of src/domain/charts (drawn by ECharts everywhere).
export type { BarsChart, ChartSeries, ChartSpec, HeatmapChart, QuadrantChart, RadarChart, StackedBarsChart } from '../charts/spec.ts';

export interface ChartBlock {
  kind: 'chart';
  caption: string;
  /** Text alternative: what the chart shows, with its base. */
  alt: string;
  chart: ChartSpec;
}

export type Block = ParagraphBlock | BulletsBlock | SubheadingBlock | TableBlock | ChartBlock;

export interface Section {
  /** Stable id (used for anchors and sheet names). */
  id: string;
  heading: string;
  /** XLSX sheet name when it should differ from the heading. */
  sheet?: string;
  blocks: Block[];
}

/**
 * The flat data sheet of the XLSX (and any other tabular export): one row per unit × item × option for
 * round reports (count, share, base and the unit of the base), one row per initiative or indicator for
 * the portfolio reports. Filterable as it is: a header row and plain values, no totals.
 */
export interface FlatData {
  /** Sheet name (at most 31 characters). */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
  /** What a row is, shown on the cover sheet. */
  note?: string;
}

export interface ReportModel {
  kind: 'regional' | 'delrapport' | 'handlingsplan' | 'indicators' | 'group';
  title: string;
  subtitle: string;
  /** Wide tables (e.g. the handlingsplan): A4 landscape in PDF and DOCX. */
  landscape?: boolean;
  /** The round is not closed: every page is marked "PRELIMINÄR". */
  preliminary: boolean;
  /** Shown in the page header (short title). */
  header: string;
  /** Shown in the page footer (publisher, date). */
  footer: string;
  /** Who the report is about: null for the anonymised regional report. */
  municipality: { code: string; name: string } | null;
  meta: {
    roundId?: number;
    roundTitle?: string;
    /** The instrument as readers know it: its title and version. */
    instrument?: string;
    generatedAt: string;
    demo?: boolean;
    /** Label/value pairs shown under the title and on the XLSX cover sheet (reports not about a round). */
    facts?: Array<[string, string]>;
  };
  sections: Section[];
  /** The flat data sheet; see FlatData. */
  data?: FlatData;
}

export const PRELIMINARY_LABEL = 'PRELIMINÄR';
export const PRELIMINARY_NOTE = 'PRELIMINÄR – mätomgången är inte stängd och resultatet kan ändras';

/** Every text of a model (titles, headings, paragraphs, table cells, chart labels), for checks such as anonymity. */
export function modelTexts(model: ReportModel): string[] {
  const out: string[] = [model.title, model.subtitle, model.header, model.footer];
  for (const s of model.sections) {
    out.push(s.heading);
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'paragraph':
        case 'subheading':
          out.push(b.text);
          break;
        case 'bullets':
          if (b.title) out.push(b.title);
          out.push(...b.items);
          break;
        case 'table':
          out.push(b.caption, ...(b.note ? [b.note] : []), ...b.columns.map((c) => c.label));
          for (const r of b.rows) for (const c of r) if (typeof c === 'string') out.push(c);
          break;
        case 'chart': {
          out.push(b.caption, b.alt, ...specTexts(b.chart));
          break;
        }
      }
    }
  }
  if (model.data) {
    out.push(model.data.sheet, ...(model.data.note ? [model.data.note] : []), ...model.data.columns.map((c) => c.label));
    for (const r of model.data.rows) for (const c of r) if (typeof c === 'string') out.push(c);
  }
  return out;
}
