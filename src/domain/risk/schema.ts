// Risk analysis (DOMAIN.md §9): themes, risks and assessments defined once as zod schemas with Swedish
// messages. Pure and browser-safe. An assessment is probability × consequence (1–4 each), or only the
// value where a source publishes only the value (Förstudierapport 4D, Bilaga 5), or "not assessed"
// ("–"): its own state, never 0.
import { z } from 'zod';
import { text } from '../portfolio/field-schemas.ts';
import { municipalityCodeSchema } from '../economics/schema.ts';

export const DEFAULT_THEMES: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'resurs_kompetens', name: 'Resurs- och kompetenshantering' },
  { id: 'operativ_effektivitet', name: 'Operativ effektivitet och utvecklingsförmåga' },
  { id: 'digital_utveckling', name: 'Digital utveckling och it-strategi' },
  { id: 'it_sakerhet', name: 'It-säkerhet och teknisk infrastruktur' },
];
export const DEFAULT_SERIOUS_ABOVE = 7;

const isoDate = z.iso.date({ error: 'Ange datumet som ÅÅÅÅ-MM-DD' });

export const themeId = z.string().trim().regex(/^[a-z0-9_]{1,40}$/, 'Temats id får bara innehålla a–z, 0–9 och _ (högst 40 tecken)');
export const themeInput = z.object({ id: themeId, name: text(120).min(1, 'Temat behöver ett namn'), sort: z.number().int().min(0).max(1000).default(0) });
export type ThemeInput = z.infer<typeof themeInput>;

const LEVEL = 'ska vara ett heltal 1–4';
export const level = z.number({ error: LEVEL }).int({ error: LEVEL }).min(1, { error: LEVEL }).max(4, { error: LEVEL });
/** The values a product of two numbers 1–4 can take. */
export const RISK_VALUES = [1, 2, 3, 4, 6, 8, 9, 12, 16] as const;
export const riskValue = z
  .number({ error: 'Riskvärdet ska vara ett heltal' })
  .int('Riskvärdet ska vara ett heltal')
  .refine((v) => (RISK_VALUES as readonly number[]).includes(v), {
    message: `Riskvärdet ska vara en produkt av sannolikhet och konsekvens (1–4 vardera): ${RISK_VALUES.join(', ')}`,
  });

export const RISK_STATUSES = ['identifierad', 'hanteras', 'accepterad', 'stangd'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = {
  identifierad: 'Identifierad',
  hanteras: 'Åtgärder pågår',
  accepterad: 'Accepterad',
  stangd: 'Stängd',
};

/**
 * Where a risk belongs: a municipality's register or a group's (assessed per member, as Bilaga 5 does).
 * A risk of either may be linked to an initiative; an initiative's own risks use the same levels and rules.
 */
export const riskScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('municipality'), municipalityCode: municipalityCodeSchema }),
  z.object({ kind: z.literal('group'), groupId: z.number().int().min(1) }),
]);
export type RiskScope = z.infer<typeof riskScope>;

export const riskInput = z.object({
  scope: riskScope,
  themeId,
  title: text(600).min(1, 'Beskriv risken'),
  owner: text(120).default(''),
  measure: text(2000).default(''),
  status: z.enum(RISK_STATUSES, { error: `välj en status: ${RISK_STATUSES.join(', ')}` }).default('identifierad'),
  reviewDate: isoDate.nullable().default(null),
  /** An initiative the risk concerns (a municipality's or group's risk may be linked to one). */
  initiativeId: z.number().int().min(1).nullable().default(null),
  source: text(300).default(''),
  note: text(2000).default(''),
  synthesised: z.boolean().default(false),
});
export type RiskInput = z.infer<typeof riskInput>;

/** An assessment's state: both levels, only the published value, or not assessed ("–"). */
export const assessmentValue = z.discriminatedUnion('state', [
  z.object({ state: z.literal('assessed'), probability: level, consequence: level }),
  z.object({ state: z.literal('valueOnly'), value: riskValue }),
  z.object({ state: z.literal('notAssessed') }),
]);
export type AssessmentValue = z.infer<typeof assessmentValue>;

/** One assessment of a risk, for one municipality where the register is a group's, on a date. */
export const assessmentInput = z.object({
  municipalityCode: municipalityCodeSchema.nullable().default(null),
  assessedOn: isoDate,
  assessment: assessmentValue,
  source: text(300).default(''),
  note: text(2000).default(''),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;
