// The association's administration: accounts and roles, the mail outbox (the event log: audit.ts). Förbundsadmin only.
import { z } from 'zod';
import { emailRule, municipalityListRule, passwordRule, reasonRule, roleRule, userSchema } from '../domain/accounts.ts';
import { endpoint, idParam, timestamp } from './endpoint.ts';

const TAG = 'Administration';
const ADMIN = ['forbundsadmin'] as const;

export const createUserBody = z.object({
  email: emailRule,
  name: z.string().trim().min(1, 'Ange ett namn').max(200),
  password: passwordRule,
  role: roleRule,
  municipalities: municipalityListRule.default([]),
});

export const listUsers = endpoint({
  method: 'GET',
  path: '/api/admin/users',
  summary: 'Förbundets konton och regionanalytikerna, med roll och kommuner',
  tag: TAG,
  access: ADMIN,
  accessNote: 'Bara det egna förbundets konton, och regionanalytikerna (som inte hör till något förbund)',
  response: z.object({
    users: z.array(userSchema),
    associations: z.array(z.object({ id: z.number(), name: z.string() })).describe('Förbunden kontona hör till, med namn'),
    invitations: z
      .array(z.object({ userId: z.number(), createdAt: timestamp, expiresAt: timestamp, acceptedAt: timestamp.nullable(), revokedAt: timestamp.nullable() }))
      .describe('Varje kontos senaste inbjudan'),
  }),
});

export const createUser = endpoint({
  method: 'POST',
  path: '/api/admin/users',
  summary: 'Skapa ett konto med lösenord (för automatisering; webben bjuder in i stället)',
  tag: TAG,
  access: ADMIN,
  body: createUserBody,
  response: z.object({ user: userSchema }),
  status: 201,
  errors: [404, 409],
});

export const updateUser = endpoint({
  method: 'PATCH',
  path: '/api/admin/users/:id',
  owners: [{ kind: 'user', param: 'id' }],
  summary: 'Ändra ett kontos roll eller kommuner, med motivering (sparas i händelseloggen)',
  tag: TAG,
  access: ADMIN,
  params: z.object({ id: idParam }),
  body: z.object({ role: roleRule.optional(), municipalities: municipalityListRule.optional(), reason: reasonRule }),
  response: z.object({ user: userSchema }),
  errors: [404],
});

export const inviteUserBody = z.object({
  email: emailRule,
  name: z.string().trim().min(1, 'Ange ett namn').max(200),
  role: roleRule,
  municipalities: municipalityListRule.default([]),
});

const invited = z.object({
  user: userSchema,
  expiresAt: timestamp.describe('Länken gäller till'),
});

export const inviteUser = endpoint({
  method: 'POST',
  path: '/api/admin/invitations',
  summary: 'Bjud in en person: kontot skapas utan lösenord och en länk (giltig 7 dagar) mejlas',
  tag: TAG,
  access: ADMIN,
  body: inviteUserBody,
  response: invited,
  status: 201,
  errors: [404, 409],
});

const userParams = z.object({ id: idParam });

export const resendInvitation = endpoint({
  method: 'POST',
  path: '/api/admin/users/:id/invitation/resend',
  owners: [{ kind: 'user', param: 'id' }],
  summary: 'Skicka inbjudan igen med en ny länk (den gamla slutar gälla)',
  tag: TAG,
  access: ADMIN,
  params: userParams,
  response: invited,
  errors: [404, 409],
});

export const revokeInvitation = endpoint({
  method: 'POST',
  path: '/api/admin/users/:id/invitation/revoke',
  owners: [{ kind: 'user', param: 'id' }],
  summary: 'Återkalla en inbjudan: länken slutar gälla och kontot, som aldrig använts, tas bort',
  tag: TAG,
  access: ADMIN,
  params: userParams,
  response: z.object({ id: z.number(), deleted: z.literal(true) }),
  errors: [404, 409],
});

const reasonBody = z.object({ reason: reasonRule });

export const deactivateUser = endpoint({
  method: 'POST',
  path: '/api/admin/users/:id/deactivate',
  owners: [{ kind: 'user', param: 'id' }],
  summary: 'Avaktivera ett konto: alla dess sessioner avslutas och det kan inte logga in på något sätt',
  tag: TAG,
  access: ADMIN,
  params: userParams,
  body: reasonBody,
  response: z.object({ user: userSchema }),
  errors: [404, 409],
});

export const reactivateUser = endpoint({
  method: 'POST',
  path: '/api/admin/users/:id/reactivate',
  owners: [{ kind: 'user', param: 'id' }],
  summary: 'Återaktivera ett avaktiverat konto',
  tag: TAG,
  access: ADMIN,
  params: userParams,
  body: reasonBody,
  response: z.object({ user: userSchema }),
  errors: [404, 409],
});

export const listOutbox = endpoint({
  method: 'GET',
  path: '/api/admin/outbox',
  summary: 'Utkorgen: skickade och köade e-postmeddelanden',
  tag: TAG,
  access: ADMIN,
  response: z.object({
    messages: z.array(
      z.object({
        id: z.number(),
        to_address: z.string(),
        subject: z.string(),
        body: z.string(),
        created_at: timestamp,
        sent_at: timestamp.nullable(),
        error: z.string().nullable(),
      }),
    ),
  }),
});
