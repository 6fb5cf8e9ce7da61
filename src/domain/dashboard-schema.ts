// The overview (dashboard.ts) as a zod schema: the JSON of GET /api/dashboard. The types in dashboard.ts
// stay the builder's types; the check at the end fails to compile when schema and type drift apart.
import { z } from 'zod';
import type { Dashboard } from './dashboard.ts';
import { STAGES } from './portfolio/types.ts';
import { agrees, type Same } from './schema-agrees.ts';

const mode = z.enum(['respondents', 'self']);
const selfAssessment = z.enum(['not_started', 'in_progress', 'submitted']);

const municipalityRate = z.object({
  code: z.string(),
  name: z.string(),
  total: z.number(),
  completed: z.number(),
  rate: z.number().nullable(),
  selfAssessment: selfAssessment.optional(),
});

const ownRound = z.object({
  id: z.number(),
  title: z.string(),
  mode,
  periodEnd: z.string(),
  daysLeft: z.number(),
  municipality: z.string(),
  municipalityName: z.string(),
  total: z.number(),
  completed: z.number(),
  rate: z.number().nullable(),
  selfAssessment: selfAssessment.optional(),
  notAnswered: z.array(
    z.object({
      id: z.number(),
      name: z.string().nullable(),
      respondentType: z.string().nullable(),
      invitedAt: z.string().nullable(),
      remindedAt: z.string().nullable(),
      reminderCount: z.number(),
    }),
  ),
  to: z.string(),
});

const reportsDue = z.object({
  period: z.string(),
  reports: z.array(
    z.object({ initiativeId: z.number(), title: z.string(), period: z.string(), dueDate: z.string(), daysOverdue: z.number(), overdue: z.boolean() }),
  ),
});

export const dashboardSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('forbundsadmin'),
    today: z.string(),
    threshold: z.number(),
    openRounds: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        mode,
        periodEnd: z.string(),
        daysLeft: z.number(),
        total: z.number(),
        completed: z.number(),
        rate: z.number().nullable(),
        municipalities: z.array(municipalityRate),
        below: z.array(municipalityRate),
      }),
    ),
    draftRounds: z.array(z.object({ id: z.number(), title: z.string(), to: z.string() })),
    overdue: reportsDue,
    waiting: z.array(
      z.object({ initiativeId: z.number(), title: z.string(), stage: z.enum(STAGES), stageLabel: z.string(), nextStage: z.enum(STAGES), nextStageLabel: z.string() }),
    ),
    next: z.object({
      step: z.enum(['measure', 'analyse', 'report', 'decide', 'follow']),
      kind: z.enum(['close', 'follow_round', 'open_draft', 'report', 'decide', 'follow_up', 'plan']),
      text: z.string(),
      to: z.string(),
      roundTitle: z.string().optional(),
      count: z.number().optional(),
    }),
  }),
  z.object({
    role: z.literal('kommunansvarig'),
    today: z.string(),
    openRounds: z.array(ownRound),
    selfAssessments: z.array(ownRound),
    reportsDue,
  }),
  z.object({ role: z.literal('lasare'), today: z.string(), published: z.array(z.object({ id: z.number(), title: z.string(), closedAt: z.string(), to: z.string() })) }),
]);

agrees<Same<z.infer<typeof dashboardSchema>, Dashboard>>();
