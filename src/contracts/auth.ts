// Sign-in, the session and password reset.
import { z } from 'zod';
import { emailRule, passwordRule, userSchema } from '../domain/accounts.ts';
import { endpoint, okResponse } from './endpoint.ts';

const TAG = 'Inloggning';

const session = z.object({
  expiresInSeconds: z.number().describe('Sekunder kvar av sessionen'),
  lifetimeSeconds: z.number().describe('En hel sessions längd i sekunder'),
});
export const signedIn = z.object({ user: userSchema, csrfToken: z.string().describe('Skickas i x-csrf-token vid ändringar'), session });
const message = z.object({ message: z.string() });
/** The right password, but the account needs a second step first (src/contracts/two-factor.ts): no session yet. */
const secondFactorStep = z.object({
  secondFactor: z.enum(['totp', 'totp_setup']).describe('totp: en kod från appen; totp_setup: lägg först till en app (förbundet kräver det)'),
  challenge: z.string().describe('Skickas med i andra steget; gäller 5 minuter och 5 försök'),
});

export const loginBody = z.object({ email: emailRule, password: z.string().min(1, 'Ange lösenord').max(200) });

export const login = endpoint({
  method: 'POST',
  path: '/api/auth/login',
  summary: 'Logga in med e-post och lösenord (sätter sessionskakan, eller svarar med ett andra steg för tvåstegsverifiering)',
  tag: TAG,
  access: 'public',
  body: loginBody,
  response: z.union([signedIn, secondFactorStep]),
  errors: [403, 429],
});

export const me = endpoint({
  method: 'GET',
  path: '/api/auth/me',
  summary: 'Vem som är inloggad (user: null när ingen är det)',
  tag: TAG,
  access: 'public',
  response: z.union([signedIn, z.object({ user: z.null() })]),
});

export const extendSession = endpoint({
  method: 'POST',
  path: '/api/auth/session/extend',
  summary: 'Förläng sessionen en hel sessionslängd från nu',
  tag: TAG,
  access: 'signedIn',
  response: z.object({ session }),
});

export const logout = endpoint({
  method: 'POST',
  path: '/api/auth/logout',
  summary: 'Logga ut (avslutar sessionen)',
  tag: TAG,
  access: 'signedIn',
  response: okResponse,
});

export const requestPasswordReset = endpoint({
  method: 'POST',
  path: '/api/auth/password-reset',
  summary: 'Be om en länk för att återställa lösenordet (samma svar för kända och okända adresser)',
  tag: TAG,
  access: 'public',
  body: z.object({ email: emailRule }),
  response: message,
  status: 202,
  errors: [429],
});

export const confirmPasswordReset = endpoint({
  method: 'POST',
  path: '/api/auth/password-reset/confirm',
  summary: 'Välj ett nytt lösenord med länkens token (avslutar kontots alla sessioner)',
  tag: TAG,
  access: 'public',
  body: z.object({ token: z.string().min(10).max(200), password: passwordRule }),
  response: message,
  errors: [429],
});
