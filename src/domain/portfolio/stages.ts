// Stages of a joint initiative and their gates (DOMAIN.md §7; Analysrapport 2024, avsnitt 5.6: a flexible
// qualification process modelled on SKR:s Handslag).
//
//   Idé → Kvalificering → Prioriterad (in the handlingsplan) → Genomförande → Avslutad / Nyttohemtagning
//   and from any open stage: → Avslutad utan genomförande.
// A stage may also step back one stage (e.g. Prioriterad → Kvalificering), and a closed-without-
// implementation initiative may be reopened as an Idé. Every move carries a reason (logged elsewhere).
//
// Gate requirements are configuration (GateConfig, held by the association): each target stage
// lists requirements from a fixed vocabulary; checkGate returns the unmet ones in Swedish.
import { z } from 'zod';
import { participating, interested, STAGE_LABELS, STAGES, type InitiativeData, type Stage } from './types.ts';

export const TRANSITIONS: Record<Stage, Stage[]> = {
  ide: ['kvalificering', 'avslutad_utan_genomforande'],
  kvalificering: ['prioriterad', 'ide', 'avslutad_utan_genomforande'],
  prioriterad: ['genomforande', 'kvalificering', 'avslutad_utan_genomforande'],
  genomforande: ['nyttohemtagning', 'prioriterad', 'avslutad_utan_genomforande'],
  nyttohemtagning: [],
  avslutad_utan_genomforande: ['ide'],
};

export function isAllowedTransition(from: Stage, to: Stage): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Swedish explanation of a disallowed move, or null when allowed. */
export function transitionError(from: Stage, to: Stage): string | null {
  if (from === to) return `Initiativet är redan i steget ${STAGE_LABELS[to]}.`;
  if (isAllowedTransition(from, to)) return null;
  const allowed = TRANSITIONS[from].map((s) => STAGE_LABELS[s]);
  return `Initiativet kan inte flyttas från ${STAGE_LABELS[from]} till ${STAGE_LABELS[to]}. ${
    allowed.length ? `Tillåtna steg: ${allowed.join(', ')}.` : 'Steget är slutligt.'
  }`;
}

export const GATE_FIELDS = ['description', 'need', 'area', 'collaborationForm', 'startYear'] as const;
export type GateField = (typeof GATE_FIELDS)[number];

export type GateRequirement =
  | { kind: 'field'; field: GateField }
  | { kind: 'linkedItem' }
  | { kind: 'benefitQualitative' }
  | { kind: 'benefitEstimate' }
  | { kind: 'costEstimate' }
  | { kind: 'fundingSources'; min: number }
  | { kind: 'risks'; min: number }
  | { kind: 'minParticipating'; count: number }
  | { kind: 'minInterested'; count: number }
  | { kind: 'qualificationScored' }
  | { kind: 'statusReports'; min: number }
  | { kind: 'realisedBenefit' };

/** Requirements per target stage; a stage without an entry has no requirements. */
export type GateConfig = Partial<Record<Stage, GateRequirement[]>>;

export const DEFAULT_GATES: GateConfig = {
  kvalificering: [
    { kind: 'field', field: 'description' },
    { kind: 'field', field: 'need' },
    { kind: 'field', field: 'area' },
  ],
  prioriterad: [
    { kind: 'benefitQualitative' },
    { kind: 'benefitEstimate' },
    { kind: 'costEstimate' },
    { kind: 'minParticipating', count: 2 },
    { kind: 'qualificationScored' },
  ],
  genomforande: [
    { kind: 'field', field: 'collaborationForm' },
    { kind: 'field', field: 'startYear' },
    { kind: 'fundingSources', min: 1 },
    { kind: 'risks', min: 1 },
  ],
  nyttohemtagning: [{ kind: 'statusReports', min: 1 }],
};

export const gateRequirementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), field: z.enum(GATE_FIELDS) }),
  z.object({ kind: z.literal('linkedItem') }),
  z.object({ kind: z.literal('benefitQualitative') }),
  z.object({ kind: z.literal('benefitEstimate') }),
  z.object({ kind: z.literal('costEstimate') }),
  z.object({ kind: z.literal('fundingSources'), min: z.number().int().min(1).max(20) }),
  z.object({ kind: z.literal('risks'), min: z.number().int().min(1).max(50) }),
  z.object({ kind: z.literal('minParticipating'), count: z.number().int().min(1).max(500) }),
  z.object({ kind: z.literal('minInterested'), count: z.number().int().min(1).max(500) }),
  z.object({ kind: z.literal('qualificationScored') }),
  z.object({ kind: z.literal('statusReports'), min: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('realisedBenefit') }),
]);

export const gateConfigSchema = z.partialRecord(z.enum(STAGES), z.array(gateRequirementSchema).max(30));

const FIELD_MESSAGES: Record<GateField, string> = {
  description: 'Beskrivning saknas',
  need: 'Behov/problem saknas',
  area: 'Verksamhetsområde saknas',
  collaborationForm: 'Samverkansform saknas',
  startYear: 'Planerad period (startår) saknas',
};

/** What a gate looks at besides the initiative's own fields. */
export interface GateContext {
  /** Ids and labels of the qualification criteria in use (weight > 0). */
  criteria?: Array<{ id: string; label: string }>;
  /** Criterion ids the initiative has a score for. */
  scoredCriteria?: string[];
  /** The initiative's status reports (realised benefits per period). */
  statusReports?: Array<{ realisedHours: number | null; realisedSek: number | null }>;
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** One requirement's Swedish message when unmet, else null. */
export function checkRequirement(initiative: InitiativeData, req: GateRequirement, ctx: GateContext = {}): string | null {
  switch (req.kind) {
    case 'field': {
      const v = initiative[req.field];
      return v === null || v === undefined || (typeof v === 'string' && blank(v)) ? FIELD_MESSAGES[req.field] : null;
    }
    case 'linkedItem':
      return initiative.links.length === 0 ? 'Ingen kopplad förmåga eller utmaning' : null;
    case 'benefitQualitative':
      return blank(initiative.benefits.qualitative) ? 'Kvalitativ nyttobeskrivning saknas' : null;
    case 'benefitEstimate': {
      const b = initiative.benefits;
      return (b.hoursPerYear ?? 0) > 0 || (b.sekPerYear ?? 0) > 0
        ? null
        : 'Nyttokalkyl saknas: ange frigjord tid (timmar per år) eller ekonomisk nytta (kronor per år)';
    }
    case 'costEstimate':
      return initiative.estimatedCost === null ? 'Kostnadsuppskattning saknas' : null;
    case 'fundingSources': {
      const n = initiative.fundingSources.length;
      return n >= req.min ? null : `Minst ${req.min} ${plural(req.min, 'finansieringskälla', 'finansieringskällor')} krävs (nu ${n})`;
    }
    case 'risks': {
      const n = initiative.risks.length;
      return n >= req.min ? null : `Minst ${req.min} ${plural(req.min, 'identifierad risk', 'identifierade risker')} krävs (nu ${n})`;
    }
    case 'minParticipating': {
      const n = participating(initiative).length;
      return n >= req.count ? null : `Minst ${req.count} deltagande ${plural(req.count, 'kommun', 'kommuner')} krävs (nu ${n})`;
    }
    case 'minInterested': {
      const n = participating(initiative).length + interested(initiative).length;
      return n >= req.count
        ? null
        : `Minst ${req.count} intresserade eller deltagande ${plural(req.count, 'kommun', 'kommuner')} krävs (nu ${n})`;
    }
    case 'qualificationScored': {
      const criteria = ctx.criteria ?? [];
      const scored = new Set(ctx.scoredCriteria ?? []);
      if (criteria.length === 0) return null;
      const missing = criteria.filter((c) => !scored.has(c.id)).map((c) => c.label);
      return missing.length ? `Kvalificeringsbedömning saknas för: ${missing.join(', ')}` : null;
    }
    case 'statusReports': {
      const n = ctx.statusReports?.length ?? 0;
      return n >= req.min ? null : `Minst ${req.min} ${plural(req.min, 'statusrapport', 'statusrapporter')} krävs (nu ${n})`;
    }
    case 'realisedBenefit': {
      const any = (ctx.statusReports ?? []).some((r) => (r.realisedHours ?? 0) > 0 || (r.realisedSek ?? 0) > 0);
      return any ? null : 'Ingen realiserad nytta är rapporterad i statusrapporterna';
    }
  }
}

/**
 * The requirements of `targetStage` that `initiative` does not meet, as Swedish sentences
 * (empty when the gate is open). Does not judge whether the move itself is allowed: see transitionError.
 */
export function checkGate(initiative: InitiativeData, targetStage: Stage, gates: GateConfig = DEFAULT_GATES, ctx: GateContext = {}): string[] {
  return (gates[targetStage] ?? []).map((r) => checkRequirement(initiative, r, ctx)).filter((m): m is string => m !== null);
}

/** A human-readable description of a gate requirement (for configuration views). */
export function describeRequirement(req: GateRequirement): string {
  switch (req.kind) {
    case 'field':
      return FIELD_MESSAGES[req.field].replace(' saknas', '') + ' är ifylld';
    case 'linkedItem':
      return 'Minst en kopplad förmåga eller utmaning';
    case 'benefitQualitative':
      return 'Kvalitativ nyttobeskrivning';
    case 'benefitEstimate':
      return 'Nyttokalkyl (timmar eller kronor per år)';
    case 'costEstimate':
      return 'Kostnadsuppskattning';
    case 'fundingSources':
      return `Minst ${req.min} ${plural(req.min, 'finansieringskälla', 'finansieringskällor')}`;
    case 'risks':
      return `Minst ${req.min} ${plural(req.min, 'identifierad risk', 'identifierade risker')}`;
    case 'minParticipating':
      return `Minst ${req.count} deltagande ${plural(req.count, 'kommun', 'kommuner')}`;
    case 'minInterested':
      return `Minst ${req.count} intresserade eller deltagande ${plural(req.count, 'kommun', 'kommuner')}`;
    case 'qualificationScored':
      return 'Bedömd på alla kvalificeringskriterier';
    case 'statusReports':
      return `Minst ${req.min} ${plural(req.min, 'statusrapport', 'statusrapporter')}`;
    case 'realisedBenefit':
      return 'Realiserad nytta rapporterad';
  }
}
