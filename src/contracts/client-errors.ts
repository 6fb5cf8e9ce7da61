// Render errors of the web app (its error boundary), for the server log.
import { z } from 'zod';
import { endpoint } from './endpoint.ts';

export { CLIENT_ERROR_STACK_MAX } from './client-error-limits.ts';

export const reportClientError = endpoint({
  method: 'POST',
  path: '/api/client-errors',
  summary: 'Rapportera ett fel i webbappen till serverns logg (inget sparas i databasen)',
  tag: 'Drift och API',
  access: 'public',
  body: z.object({
    message: z.string().trim().min(1, 'Ange felmeddelandet').max(1000, 'Felmeddelandet får vara högst 1000 tecken'),
    stack: z.string().max(20000, 'Stacken får vara högst 20000 tecken').optional(),
    route: z.string().trim().min(1, 'Ange sidans adress').max(500, 'Adressen får vara högst 500 tecken'),
    userAgent: z.string().max(500, 'Webbläsarens namn får vara högst 500 tecken').optional(),
  }),
  response: z.null(),
  status: 204,
  errors: [429],
});
