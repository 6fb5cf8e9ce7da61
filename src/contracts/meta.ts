// The API's own endpoints: liveness, readiness and its description (OpenAPI and a readable page).
import { z } from 'zod';
import { endpoint, fileResponse } from './endpoint.ts';

const TAG = 'Drift och API';

export const health = endpoint({
  method: 'GET',
  path: '/api/health',
  summary: 'Processen lever (rör inte databasen)',
  tag: TAG,
  access: 'public',
  response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string() }),
});

export const ready = endpoint({
  method: 'GET',
  path: '/api/ready',
  summary: 'Redo att ta emot trafik: databasen svarar och alla migreringar är körda (annars 503 med skäl)',
  tag: TAG,
  access: 'public',
  response: z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) }),
  errors: [503],
});

export const openapiDocument = endpoint({
  method: 'GET',
  path: '/api/openapi.json',
  summary: 'API-beskrivningen som OpenAPI 3.1 (för integration, t.ex. Power BI eller ärendehantering)',
  tag: TAG,
  access: 'public',
  response: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string() }), paths: z.record(z.string(), z.unknown()) }),
});

export const apiDocs = endpoint({
  method: 'GET',
  path: '/api/docs',
  summary: 'API-beskrivningen som läsbar sida',
  tag: TAG,
  access: 'public',
  response: fileResponse('text/html'),
});
