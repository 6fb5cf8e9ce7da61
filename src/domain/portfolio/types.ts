// The samverkansportfölj's vocabulary (DOMAIN.md §7, §10): stages, scopes, collaboration forms,
// funding sources, report statuses and cost types, with their Swedish labels. Pure data, no IO.
// The initiative's own fields and JSON shape are in initiative-schema.ts.
import type { InitiativeRecord } from './initiative-schema.ts';

export type { Benefits, DocumentLink, FundingSource, LinkedItem, Participation, Risk } from './initiative-schema.ts';

export const STAGES = ['ide', 'kvalificering', 'prioriterad', 'genomforande', 'nyttohemtagning', 'avslutad_utan_genomforande'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  ide: 'Idé',
  kvalificering: 'Kvalificering',
  prioriterad: 'Prioriterad',
  genomforande: 'Genomförande',
  nyttohemtagning: 'Avslutad / Nyttohemtagning',
  avslutad_utan_genomforande: 'Avslutad utan genomförande',
};

/** Where an initiative is run: within the association, county-wide (länsgemensamt) or nationally (e.g. SKR:s Handslag). */
export const SCOPES = ['delregional', 'regional', 'nationell'] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = {
  delregional: 'Delregional (inom förbundet)',
  regional: 'Länsgemensam (regional)',
  nationell: 'Nationell',
};

/** The four ways forward of Kommunutredningen (Analysrapport 2024 figure 1). */
export const COLLABORATION_FORMS = ['samverkan', 'asymmetrisk', 'sammanlaggning', 'region_stat'] as const;
export type CollaborationForm = (typeof COLLABORATION_FORMS)[number];
export const COLLABORATION_FORM_LABELS: Record<CollaborationForm, string> = {
  samverkan: 'Samverkan',
  asymmetrisk: 'Asymmetrisk ansvarsfördelning',
  sammanlaggning: 'Sammanläggning',
  region_stat: 'Uppgift till region/stat',
};

export const FUNDING_SOURCES = ['egen', 'vgr_mru', 'eu', 'nationell', 'ovrig'] as const;
export type FundingSourceKind = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSourceKind, string> = {
  egen: 'Egna medel',
  vgr_mru: 'VGR/MRU',
  eu: 'EU',
  nationell: 'Nationell finansiering',
  ovrig: 'Övrig finansiering',
};

export const PARTICIPATION_KINDS = ['intresserad', 'deltar'] as const;
export type ParticipationKind = (typeof PARTICIPATION_KINDS)[number];
export const PARTICIPATION_LABELS: Record<ParticipationKind, string> = { intresserad: 'Intresserad', deltar: 'Deltar' };

export const LINK_KINDS = ['formaga', 'utmaning'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const REPORT_STATUSES = ['enligt_plan', 'avvikelse', 'forsenad', 'stoppad'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  enligt_plan: 'Enligt plan',
  avvikelse: 'Risk för avvikelse',
  forsenad: 'Försenad',
  stoppad: 'Stoppad',
};

/** Cost types of a requisition (VGR Analys 2025:40 tables 2, 4, 6, 8). */
export const COST_TYPES = ['lon', 'oh', 'externa_tjanster', 'resor', 'lokaler', 'ovriga'] as const;
export type CostType = (typeof COST_TYPES)[number];
export const COST_TYPE_LABELS: Record<CostType, string> = {
  lon: 'Lön',
  oh: 'OH',
  externa_tjanster: 'Externa tjänster',
  resor: 'Resor',
  lokaler: 'Lokaler',
  ovriga: 'Övriga kostnader',
};

/** The fields of an initiative the domain functions look at (defined in initiative-schema.ts). */
export type InitiativeData = Omit<InitiativeRecord, 'origin' | 'evidence' | 'actors' | 'scores' | 'version' | 'isDemo' | 'createdBy' | 'createdAt' | 'updatedAt'>;

export const participating = (i: Pick<InitiativeData, 'participations'>) =>
  i.participations.filter((p) => p.kind === 'deltar').map((p) => p.municipality);
export const interested = (i: Pick<InitiativeData, 'participations'>) =>
  i.participations.filter((p) => p.kind === 'intresserad').map((p) => p.municipality);

/** Whether the initiative's planned period [startYear, endYear] overlaps [from, to]; open ends overlap everything. */
export function overlapsYears(i: { startYear: number | null; endYear: number | null }, from: number, to: number): boolean {
  return (i.startYear === null || i.startYear <= to) && (i.endYear === null || i.endYear >= from);
}

/** "1 992 000 kr" (plain spaces, hyphen-minus: safe for every renderer). */
export function formatSek(n: number): string {
  return `${n < 0 ? '-' : ''}${String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`;
}
