// The region's associations (kommunalförbund) and their members (migration 015): names, short ids, member
// codes and how each defines its indicators. Public reference data for every signed-in user.
import { z } from 'zod';
import { endpoint } from './endpoint.ts';

const TAG = 'Organisation';

export const association = z.object({
  id: z.number(),
  shortId: z.string().describe('fyrbodal, gr, sjuharad, skaraborg'),
  name: z.string(),
  members: z.array(z.string()).describe('Medlemskommunernas SCB-koder'),
  indicatorDefinition: z.string().describe('Förbundets definition av indikatorerna, som publicerad'),
  actorsIncludeMunicipalities: z.boolean().describe('Räknar förbundet sina medlemskommuner bland "aktörer"'),
});
export type Association = z.infer<typeof association>;

export const listAssociations = endpoint({
  method: 'GET',
  path: '/api/associations',
  summary: 'Regionens kommunalförbund med medlemskommuner och indikatordefinition',
  tag: TAG,
  access: 'signedIn',
  response: z.object({ region: z.string().nullable(), associations: z.array(association) }),
});
