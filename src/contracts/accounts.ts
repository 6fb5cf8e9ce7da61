// The association's administration: accounts and roles, the mail outbox (the event log: audit.ts). Förbundsadmin only.
import { z } from 'zod';
import { emailRule, municipalityListRule, passwordRule, roleRule, userSchema } from '../domain/accounts.ts';
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
  summary: 'Alla konton med roll och kommuner',
  tag: TAG,
  access: ADMIN,
  response: z.object({ users: z.array(userSchema) }),
});

export const createUser = endpoint({
  method: 'POST',
  path: '/api/admin/users',
  summary: 'Skapa ett konto (en kommunansvarig kopplas till minst en kommun)',
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
  summary: 'Ändra ett kontos roll eller kommuner',
  tag: TAG,
  access: ADMIN,
  params: z.object({ id: idParam }),
  body: z.object({ role: roleRule.optional(), municipalities: municipalityListRule.optional() }),
  response: z.object({ user: userSchema }),
  errors: [404],
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
