// The overview (Översikt): what needs the signed-in user's attention (src/domain/dashboard.ts).
import { z } from 'zod';
import { dashboardSchema } from '../domain/dashboard-schema.ts';
import { todaySchema } from '../domain/portfolio/followup.ts';
import { endpoint } from './endpoint.ts';

export const getDashboard = endpoint({
  method: 'GET',
  path: '/api/dashboard',
  summary: 'Översikten: det som väntar på den inloggade, efter roll',
  tag: 'Översikt',
  access: 'signedIn',
  accessNote: 'Kommunansvarig ser bara sina egna kommuner.',
  query: z.object({
    threshold: z.coerce
      .number({ error: 'Svarsfrekvensgränsen ska vara ett tal' })
      .min(0, 'Svarsfrekvensgränsen ska vara 0–100 procent')
      .max(100, 'Svarsfrekvensgränsen ska vara 0–100 procent')
      .default(50)
      .describe('Procent'),
    today: todaySchema.optional().describe('ÅÅÅÅ-MM-DD, för förhandsvisning och test; annars serverns datum'),
  }),
  response: z.object({ dashboard: dashboardSchema }),
});
