// samverka's version, from package.json: shown in the API description and written into backups.
import { readFileSync } from 'node:fs';
import { rootUrl } from './paths.ts';

export const VERSION = (JSON.parse(readFileSync(rootUrl('package.json'), 'utf8')) as { version: string }).version;
