// Self-service (Mitt konto): one's own password and sessions; and the public side of an invitation
// (the link a förbundsadmin's invitation mails).
import { z } from 'zod';
import { passwordRule } from '../domain/accounts.ts';
import { sessionInfoSchema } from '../domain/identity/schema.ts';
import { login } from './auth.ts';
import { endpoint, idParam, okResponse } from './endpoint.ts';

const TAG = 'Mitt konto';
const SIGN_IN_TAG = 'Inloggning';

const invitationToken = z.string().min(10).max(200);

export const describeInvitation = endpoint({
  method: 'GET',
  path: '/api/auth/invitation',
  summary: 'Vem en inbjudningslänk gäller och om personen kan välja lösenord (410 när länken inte gäller)',
  tag: SIGN_IN_TAG,
  access: 'public',
  query: z.object({ token: invitationToken }),
  response: z.object({
    email: z.string(),
    name: z.string(),
    passwordSignIn: z.boolean().describe('Falskt när e-postdomänen bara loggar in med organisationens konto (SSO)'),
  }),
  errors: [410, 429],
});

export const acceptInvitation = endpoint({
  method: 'POST',
  path: '/api/auth/invitation/accept',
  summary: 'Ta emot en inbjudan genom att välja lösenord: kontot aktiveras och loggas in (länken gäller en gång)',
  tag: SIGN_IN_TAG,
  access: 'public',
  body: z.object({ token: invitationToken, password: passwordRule }),
  response: login.response,
  errors: [403, 410, 429],
});

export const changeOwnPassword = endpoint({
  method: 'POST',
  path: '/api/account/password',
  summary: 'Byt sitt eget lösenord (kontots andra sessioner avslutas, den här behålls)',
  tag: TAG,
  access: 'signedIn',
  body: z.object({
    currentPassword: z.string().max(200).optional().describe('Krävs när kontot redan har ett lösenord'),
    newPassword: passwordRule,
  }),
  response: z.object({ message: z.string(), endedSessions: z.number() }),
  errors: [403, 429],
  labels: { currentPassword: 'Nuvarande lösenord', newPassword: 'Nytt lösenord' },
});

export const listOwnSessions = endpoint({
  method: 'GET',
  path: '/api/account/sessions',
  summary: 'Ens egna aktiva inloggningar (sessioner)',
  tag: TAG,
  access: 'signedIn',
  response: z.object({ sessions: z.array(sessionInfoSchema) }),
});

export const endOwnSession = endpoint({
  method: 'POST',
  path: '/api/account/sessions/:id/end',
  shared: 'Den egna inloggningen: bara den som är inloggad',
  summary: 'Avsluta en av ens egna sessioner (404 för andras)',
  tag: TAG,
  access: 'signedIn',
  params: z.object({ id: idParam }),
  response: okResponse,
  errors: [404],
});

export const endOtherSessions = endpoint({
  method: 'POST',
  path: '/api/account/sessions/end-others',
  summary: 'Avsluta alla ens sessioner utom den här',
  tag: TAG,
  access: 'signedIn',
  response: z.object({ ended: z.number() }),
});
