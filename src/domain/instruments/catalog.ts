// Loads instrument definitions from JSON files (instruments/*.json; single files may also be YAML) and validates them.
// The only module in src/domain/instruments that touches the file system.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rootUrl } from '../../paths.ts';
import { detectFormat, parseInstrumentData } from './library.ts';
import { validateInstrument, type Instrument, type ValidationError } from './schema.ts';

/** The folder with the built-in instruments (instruments/ at the package root). */
export const BUILT_IN_INSTRUMENTS_DIR = rootUrl('instruments/');

export interface FileValidationError extends ValidationError {
  file: string;
}

/** Thrown when one or more instrument files cannot be read, parsed or validated; lists every error. */
export class InstrumentLoadError extends Error {
  readonly errors: FileValidationError[];
  constructor(errors: FileValidationError[]) {
    const lines = errors.map((e) => `  ${e.file}: ${e.path}: ${e.message}`);
    super(`Ogiltig instrumentdefinition (${errors.length} fel):\n${lines.join('\n')}`);
    this.name = 'InstrumentLoadError';
    this.errors = errors;
  }
}

function displayName(path: string | URL): string {
  return path instanceof URL ? fileURLToPath(path) : path;
}

/** Parses and validates the text of one instrument file; returns the instrument or the file's errors. */
function parseInstrument(file: string, text: string): { instrument?: Instrument; errors: FileValidationError[] } {
  // JSON, or YAML for *.yaml / *.yml files.
  const parsed = parseInstrumentData(text, detectFormat(text, file));
  if (!parsed.ok) return { errors: parsed.errors.map((err) => ({ file, ...err })) };
  const r = validateInstrument(parsed.data);
  if (r.ok) return { instrument: r.instrument, errors: [] };
  return { errors: r.errors.map((err) => ({ file, ...err })) };
}

function readError(file: string, e: unknown): FileValidationError {
  return { file, path: '(rot)', message: `Filen kunde inte läsas: ${(e as Error).message}` };
}

/** Reads and validates one instrument file. Throws InstrumentLoadError listing all errors. */
export async function loadInstrumentFile(path: string | URL): Promise<Instrument> {
  const file = displayName(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InstrumentLoadError([readError(file, e)]);
  }
  const r = parseInstrument(file, text);
  if (!r.instrument) throw new InstrumentLoadError(r.errors);
  return r.instrument;
}

/** Synchronous variant of loadInstrumentFile (for start-up code and CLI). */
export function loadInstrumentFileSync(path: string | URL): Instrument {
  const file = displayName(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InstrumentLoadError([readError(file, e)]);
  }
  const r = parseInstrument(file, text);
  if (!r.instrument) throw new InstrumentLoadError(r.errors);
  return r.instrument;
}

function collect(results: Array<{ file: string; instrument?: Instrument; errors: FileValidationError[] }>): Instrument[] {
  const errors = results.flatMap((r) => r.errors);
  const seen = new Map<string, string>();
  for (const r of results) {
    if (!r.instrument) continue;
    const key = `${r.instrument.id}@${r.instrument.version}`;
    const other = seen.get(key);
    if (other) errors.push({ file: r.file, path: 'id', message: `Instrumentet "${r.instrument.id}" version ${r.instrument.version} finns redan i ${other}` });
    else seen.set(key, r.file);
  }
  if (errors.length) throw new InstrumentLoadError(errors);
  return results.map((r) => r.instrument!);
}

function jsonFiles(names: string[]): string[] {
  return names.filter((n) => n.endsWith('.json')).sort();
}

/**
 * Loads every *.json file in a folder (default: the built-in instruments folder), sorted by file name.
 * Throws InstrumentLoadError listing the errors of all invalid files.
 */
export async function loadBuiltInInstruments(dir: URL = BUILT_IN_INSTRUMENTS_DIR): Promise<Instrument[]> {
  const names = jsonFiles(await readdir(dir));
  const results = await Promise.all(
    names.map(async (name) => {
      const url = new URL(name, dir);
      const file = fileURLToPath(url);
      try {
        return { file, ...parseInstrument(file, await readFile(url, 'utf8')) };
      } catch (e) {
        return { file, errors: [readError(file, e)] };
      }
    }),
  );
  return collect(results);
}

/** Synchronous variant of loadBuiltInInstruments. */
export function loadBuiltInInstrumentsSync(dir: URL = BUILT_IN_INSTRUMENTS_DIR): Instrument[] {
  const names = jsonFiles(readdirSync(dir));
  return collect(
    names.map((name) => {
      const url = new URL(name, dir);
      const file = fileURLToPath(url);
      try {
        return { file, ...parseInstrument(file, readFileSync(url, 'utf8')) };
      } catch (e) {
        return { file, errors: [readError(file, e)] };
      }
    }),
  );
}
