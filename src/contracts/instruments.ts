// The instrument library: instruments and their versions. A definition is the format of
// instruments/*.json (src/domain/instruments/schema.ts), validated by the use case with its own messages.
import { z } from 'zod';
import type { VersionCompatibility } from '../domain/instruments/library.ts';
import { instrumentSchema } from '../domain/instruments/schema.ts';
import { respondentInstrumentSchema } from '../domain/instruments/answers.ts';
import { ROUND_STATUSES } from '../domain/rounds.ts';
import { agrees, type Same } from '../domain/schema-agrees.ts';
import { endpoint, isoDate, timestamp } from './endpoint.ts';

const TAG = 'Instrument';
const EDITORS = ['forbundsadmin', 'kommunansvarig'] as const;
const ADMIN = ['forbundsadmin'] as const;

const instrumentId = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Ogiltigt instrument-id').max(100);
const versionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, 'Ogiltig version');
const versionParams = z.object({ id: instrumentId, version: versionId });
const mode = z.enum(['survey', 'self-assessment']);
const source = z.enum(['builtin', 'import']).describe('builtin: följer med programmet; import: uppladdad');
const ref = z.object({ id: z.string(), version: z.string() });
const uploadResult = z.enum(['created', 'updated', 'unchanged']).describe('created ger 201, övriga 200');

const compatibility = z.object({
  from: ref,
  to: ref,
  roundsComparable: z.boolean(),
  reason: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['same', 'comparable', 'not-comparable', 'added', 'removed']),
      changes: z.array(
        z.enum(['type', 'options', 'values', 'reversed', 'unit', 'text', 'short', 'description', 'optionLabels', 'group', 'respondentTypes', 'recommendation', 'target']),
      ),
      before: z.string().optional(),
      after: z.string().optional(),
    }),
  ),
  counts: z.object({ same: z.number(), comparable: z.number(), 'not-comparable': z.number(), added: z.number(), removed: z.number() }),
});
agrees<Same<z.infer<typeof compatibility>, VersionCompatibility>>();

export const listInstruments = endpoint({
  method: 'GET',
  path: '/api/instruments',
  summary: 'Instrumenten med sina versioner',
  tag: TAG,
  access: 'signedIn',
  response: z.object({
    instruments: z.array(
      z.object({
        id: z.string(),
        version: z.string().describe('Versionen nya mätomgångar använder'),
        title: z.string(),
        description: z.string(),
        mode,
        itemCount: z.number(),
        versions: z.array(z.string()).describe('Alla versioner, nyast först'),
        source,
        versionDetails: z.array(
          z.object({
            version: z.string(),
            title: z.string(),
            itemCount: z.number(),
            source,
            basedOn: z.string().nullable(),
            usedBy: z.number().describe('Antal mätomgångar som använder versionen'),
            updatedAt: timestamp,
          }),
        ),
      }),
    ),
  }),
});

export const getInstrument = endpoint({
  method: 'GET',
  path: '/api/instruments/:id',
  shared: 'Instrumenten delas av alla förbund i instansen',
  summary: 'Ett instruments definition (senaste versionen, eller den angivna)',
  tag: TAG,
  access: 'signedIn',
  params: z.object({ id: instrumentId }),
  query: z.object({ version: z.string().max(50).optional() }),
  response: z.object({ instrument: instrumentSchema }),
  errors: [404],
});

export const getVersion = endpoint({
  method: 'GET',
  path: '/api/instruments/:id/versions/:version',
  shared: 'Instrumenten delas av alla förbund i instansen',
  summary: 'En version för biblioteket: definition, förhandsvisningar per respondenttyp, mätomgångar som använder den',
  tag: TAG,
  access: EDITORS,
  params: versionParams,
  response: z.object({
    version: z.object({
      id: z.string(),
      version: z.string(),
      source,
      basedOn: z.string().nullable(),
      createdAt: timestamp,
      updatedAt: timestamp,
      usedBy: z.number(),
      editable: z.boolean(),
      lockReason: z.string().nullable().describe('Varför versionen inte får ändras'),
    }),
    instrument: instrumentSchema,
    versions: z.array(z.string()),
    previews: z.array(z.object({ respondentType: z.string().nullable(), label: z.string(), instrument: respondentInstrumentSchema })),
    rounds: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        status: z.enum(ROUND_STATUSES),
        periodStart: isoDate,
        periodEnd: isoDate,
        municipalityCount: z.number(),
        accessible: z.boolean().describe('Användaren får öppna mätomgången'),
      }),
    ),
  }),
  errors: [404],
});

export const getCompatibility = endpoint({
  method: 'GET',
  path: '/api/instruments/:id/compatibility',
  shared: 'Instrumenten delas av alla förbund i instansen',
  summary: 'Vilka frågor i två versioner som går att jämföra mellan mätomgångar',
  tag: TAG,
  access: EDITORS,
  params: z.object({ id: instrumentId }),
  query: z.object({ from: versionId, to: versionId }),
  response: z.object({ compatibility }),
  errors: [404],
});

export const storeDefinition = endpoint({
  method: 'POST',
  path: '/api/instruments',
  summary: 'Lägg till eller revidera en version från en definition (formatet i instruments/*.json)',
  tag: TAG,
  access: ADMIN,
  body: z.unknown().describe('Instrumentets definition'),
  response: z.object({ result: uploadResult, instrument: ref }),
  status: 201,
  errors: [409, 422],
});

export const uploadInstrument = endpoint({
  method: 'POST',
  path: '/api/instruments/upload',
  summary: 'Lägg till eller revidera en version från texten i en JSON- eller YAML-fil',
  tag: TAG,
  access: ADMIN,
  body: z.object({
    text: z.string().max(900_000, 'Filen är för stor'),
    format: z.enum(['json', 'yaml'], { error: 'Formatet ska vara json eller yaml' }).optional(),
    filename: z.string().max(255).optional(),
  }),
  response: z.object({ result: uploadResult, format: z.enum(['json', 'yaml']), instrument: ref }),
  status: 201,
  errors: [409, 422],
});

export const duplicateVersion = endpoint({
  method: 'POST',
  path: '/api/instruments/:id/versions/:version/duplicate',
  shared: 'Instrumenten delas av alla förbund i instansen',
  summary: 'Kopiera en version till ett utkast (standard: nästa lediga mindre version)',
  tag: TAG,
  access: ADMIN,
  params: versionParams,
  body: z
    .object({
      version: z.string().trim().min(1, 'Ange en version').max(50, 'Versionen får vara högst 50 tecken').optional(),
      title: z.string().trim().min(1, 'Ange en titel').max(300, 'Titeln får vara högst 300 tecken').optional(),
    })
    .default({}),
  response: z.object({ instrument: ref.extend({ basedOn: z.string().nullable() }) }),
  status: 201,
  errors: [404, 409],
});

export const updateDraft = endpoint({
  method: 'PUT',
  path: '/api/instruments/:id/versions/:version',
  shared: 'Instrumenten delas av alla förbund i instansen',
  summary: 'Ersätt ett utkasts definition (409 med skälet när versionen används eller följer med programmet)',
  tag: TAG,
  access: ADMIN,
  params: versionParams,
  body: z.object({ definition: z.unknown() }),
  response: z.object({ instrument: instrumentSchema }),
  errors: [404, 409, 422],
});

export const deleteDraft = endpoint({
  method: 'DELETE',
  path: '/api/instruments/:id/versions/:version',
  shared: 'Instrumenten delas av alla förbund i instansen',
  summary: 'Ta bort ett utkast',
  tag: TAG,
  access: ADMIN,
  params: versionParams,
  response: z.object({ deleted: ref }),
  errors: [404, 409],
});
