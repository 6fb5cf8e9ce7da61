// The region's follow-up (issue 14, DOMAIN.md §10): the four associations' indicators (expected, published
// and computed, with definition and base) and funds (applied, requisitioned with period, remaining, stated
// totals and unit with their flags) side by side, and the region report. For the region's analyst and the
// associations' admins; aggregate figures only, no municipality's identifiable survey data.
import { z } from 'zod';
import { queryYear } from '../domain/portfolio/field-schemas.ts';
import { endpoint, fileResponse, timestamp } from './endpoint.ts';
import { associationFollowUp } from './portfolio.ts';
import { REPORT_FILE_TYPES, reportFormat } from './reports.ts';

const TAG = 'Regional uppföljning';
export const REGION_ROLES = ['regionanalytiker', 'forbundsadmin'] as const;

const yearQuery = z.object({ year: queryYear.optional().describe('Förvalt: innevarande år') });

export const getRegionFollowUp = endpoint({
  method: 'GET',
  path: '/api/region/follow-up',
  summary: 'Regionens kommunalförbund sida vid sida: indikatorer (förväntat, publicerat, beräknat) och rekvirerade medel med kvalitetsflaggor',
  tag: TAG,
  access: REGION_ROLES,
  accessNote: 'Bara aggregerade uppföljningssiffror; inga kommunvisa enkätsvar',
  query: yearQuery,
  response: z.object({ year: z.number(), generatedAt: timestamp, region: z.string(), associations: z.array(associationFollowUp), years: z.array(z.number()) }),
});
export type RegionFollowUpView = z.infer<typeof getRegionFollowUp.response>;

export const exportRegionReport = endpoint({
  method: 'GET',
  path: '/api/region/report',
  summary: 'Regionrapporten: de fyra förbundens indikator- och medelstabeller som PDF, Word (DOCX) eller Excel (XLSX)',
  tag: TAG,
  access: REGION_ROLES,
  query: yearQuery.extend({ format: reportFormat.default('pdf') }),
  response: fileResponse(...REPORT_FILE_TYPES),
});
