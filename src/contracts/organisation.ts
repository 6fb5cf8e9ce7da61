// The region's organisation: member municipalities, areas, IT organisations and actors.
import { z } from 'zod';
import { endpoint, municipalityCode } from './endpoint.ts';

const TAG = 'Organisation';

export const municipality = z.object({
  code: z.string().describe('SCB-kod, fyra siffror'),
  name: z.string(),
  association: z.string().nullable().describe('Kommunalförbundet kommunen tillhör'),
  it_organisations: z.array(z.string()).describe('Gemensamma IT-organisationer kommunen ingår i'),
});
export type Municipality = z.infer<typeof municipality>;

export const listMunicipalities = endpoint({
  method: 'GET',
  path: '/api/municipalities',
  summary: 'Det egna förbundets medlemskommuner, för regionanalytiker alla (namn och kod är offentliga; resultat är det inte)',
  tag: TAG,
  access: 'signedIn',
  response: z.object({ municipalities: z.array(municipality) }),
});

export const getMunicipality = endpoint({
  method: 'GET',
  path: '/api/municipalities/:code',
  owners: [{ kind: 'municipality', param: 'code' }],
  summary: 'En medlemskommun',
  tag: TAG,
  access: 'signedIn',
  params: z.object({ code: municipalityCode }),
  response: z.object({ municipality }),
  errors: [404],
});

export const getOrganisation = endpoint({
  method: 'GET',
  path: '/api/organisation',
  summary: 'Verksamhetsområden, gemensamma IT-organisationer med medlemmar i förbundet, och aktörer',
  tag: TAG,
  access: 'signedIn',
  response: z.object({
    areas: z.array(z.object({ id: z.string(), name: z.string() })),
    itOrganisations: z.array(z.object({ id: z.number(), name: z.string(), description: z.string(), members: z.array(z.string()) })),
    actors: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string() })),
  }),
});

export const listMunicipalityContacts = endpoint({
  method: 'GET',
  path: '/api/municipalities/:code/contacts',
  owners: [{ kind: 'municipality', param: 'code' }],
  summary: 'Kommunens kommunansvariga (namn och e-post)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Identifierbara uppgifter: förbundsadmin, eller kommunansvarig för kommunen.',
  params: z.object({ code: municipalityCode }),
  response: z.object({ contacts: z.array(z.object({ name: z.string(), email: z.string(), isDemo: z.boolean() })) }),
  errors: [404],
});
