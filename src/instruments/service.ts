// The instrument library, shared by the HTTP routes and the CLI: upload a version (JSON or YAML),
// duplicate a version as a draft, change or delete a draft, compare two versions. The rules are in
// src/domain/instruments/library.ts; errors are AppError with a Swedish message (validation errors
// listed by path in `details`), and every change is audited in the same transaction.
import { isDeepStrictEqual } from 'node:util';
import type { Db, Queryable } from '../db/db.ts';
import {
  compareVersions,
  nextVersion,
  readInstrumentText,
  VERSION_PATTERN,
  versionLockReason,
  type InstrumentFormat,
  type VersionCompatibility,
} from '../domain/instruments/library.ts';
import { validateInstrument, type Instrument, type ValidationError } from '../domain/instruments/schema.ts';
import { badRequest, conflict, AppError, notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import {
  deleteVersion,
  getVersion,
  insertVersion,
  listVersions,
  replaceDefinition,
  roundsUsingVersion,
  type StoredVersion,
} from '../store/instruments.ts';

export interface Actor {
  id: number | null;
  ip?: string;
}

/** A 400 listing every validation error by path; nothing has been stored. */
export class InstrumentInvalid extends AppError {
  constructor(public errors: ValidationError[]) {
    super(
      'invalid',
      `Ogiltig instrumentdefinition (${errors.length} fel, inget har sparats): ${errors
        .slice(0, 10)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}${errors.length > 10 ? '; …' : ''}`,
      errors,
    );
  }
}

const DUPLICATE_HINT = 'Duplicera den som ett utkast och ändra utkastet.';
const NEW_VERSION_HINT = 'Ge den ändrade definitionen ett nytt versionsnummer.';

/** Validates a definition; the version id must also be usable in a link. */
function checked(data: unknown): Instrument {
  const v = validateInstrument(data);
  const errors = v.ok ? [] : [...v.errors];
  const version = v.ok ? v.instrument.version : (data as { version?: unknown } | null)?.version;
  if (typeof version === 'string' && version && !VERSION_PATTERN.test(version))
    errors.push({ path: 'version', message: 'Versionen får bara innehålla a–z, A–Z, 0–9, punkt, bindestreck och understreck (högst 50 tecken)' });
  if (errors.length || !v.ok) throw new InstrumentInvalid(errors);
  return v.instrument;
}

async function requireVersion(db: Queryable, id: string, version: string, lock = false) {
  const v = await getVersion(db, id, version, { lock });
  if (!v) throw notFound(`Instrumentet ${id} version ${version} finns inte`);
  return v;
}

export type UploadResult = 'created' | 'updated' | 'unchanged';

/**
 * Stores an instrument version from a definition: a new (id, version) is added; an existing one is
 * replaced only while it may be changed (not built in, not used by a round), else 409.
 */
export async function storeDefinition(db: Db, data: unknown, actor: Actor): Promise<{ result: UploadResult; instrument: Instrument }> {
  const instrument = checked(data);
  const result = await db.transaction(async (tx): Promise<UploadResult> => {
    if (await insertVersion(tx, instrument, { createdBy: actor.id })) {
      await audit(tx, { actor: actor.id, action: 'instrument.created', target: `${instrument.id}@${instrument.version}`, ip: actor.ip });
      return 'created';
    }
    const existing = await requireVersion(tx, instrument.id, instrument.version, true);
    // Stored as jsonb (keys reordered): compare as values.
    if (isDeepStrictEqual(existing.definition, JSON.parse(JSON.stringify(instrument)))) return 'unchanged';
    const reason = versionLockReason(existing);
    if (reason) throw conflict(`Version ${instrument.version} av ${instrument.id}: ${lower(reason)} ${NEW_VERSION_HINT}`);
    await replaceDefinition(tx, instrument);
    await audit(tx, { actor: actor.id, action: 'instrument.updated', target: `${instrument.id}@${instrument.version}`, ip: actor.ip });
    return 'updated';
  });
  return { result, instrument };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** storeDefinition from the text of a JSON or YAML file; syntax and validation errors are listed by path. */
export async function uploadInstrument(
  db: Db,
  file: { text: string; format?: InstrumentFormat; filename?: string },
  actor: Actor,
): Promise<{ result: UploadResult; instrument: Instrument; format: InstrumentFormat }> {
  const r = readInstrumentText(file.text, { format: file.format, filename: file.filename });
  if (!r.ok) throw new InstrumentInvalid(r.errors);
  return { ...(await storeDefinition(db, r.instrument, actor)), format: r.format };
}

/** Copies a version to a new version id (default: the next free minor version); the copy may be edited until a round uses it. */
export async function duplicateVersion(
  db: Db,
  id: string,
  version: string,
  opts: { version?: string; title?: string },
  actor: Actor,
): Promise<StoredVersion & { definition: Instrument }> {
  return db.transaction(async (tx) => {
    const source = await requireVersion(tx, id, version);
    const taken = (await listVersions(tx, id)).map((v) => v.version);
    const target = opts.version ?? nextVersion(version, taken);
    if (!VERSION_PATTERN.test(target))
      throw badRequest('Versionen får bara innehålla a–z, A–Z, 0–9, punkt, bindestreck och understreck (högst 50 tecken)');
    const copy = checked({ ...source.definition, version: target, ...(opts.title ? { title: opts.title } : {}) });
    if (!(await insertVersion(tx, copy, { basedOn: version, createdBy: actor.id })))
      throw conflict(`Instrumentet ${id} har redan en version ${target}; välj ett annat versionsnummer`);
    await audit(tx, {
      actor: actor.id,
      action: 'instrument.duplicated',
      target: `${id}@${target}`,
      ip: actor.ip,
      details: { from: `${id}@${version}` },
    });
    return requireVersion(tx, id, target);
  });
}

/** Replaces a draft's definition (validated like an upload); 409 when the version is built in or used by a round. */
export async function updateDraft(db: Db, id: string, version: string, data: unknown, actor: Actor): Promise<Instrument> {
  const instrument = checked(data);
  const errors: ValidationError[] = [];
  if (instrument.id !== id) errors.push({ path: 'id', message: `Id kan inte ändras (ska vara "${id}")` });
  if (instrument.version !== version) errors.push({ path: 'version', message: `Versionen kan inte ändras här (ska vara "${version}"); duplicera för en ny version` });
  if (errors.length) throw new InstrumentInvalid(errors);
  await db.transaction(async (tx) => {
    const existing = await requireVersion(tx, id, version, true);
    const reason = versionLockReason(existing);
    if (reason) throw conflict(`${reason} ${DUPLICATE_HINT}`);
    await replaceDefinition(tx, instrument);
    await audit(tx, { actor: actor.id, action: 'instrument.updated', target: `${id}@${version}`, ip: actor.ip });
  });
  return instrument;
}

/** Deletes a draft; 409 when the version is built in or used by a round. */
export async function deleteDraft(db: Db, id: string, version: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await requireVersion(tx, id, version, true);
    const reason = versionLockReason(existing);
    if (reason) throw conflict(reason);
    await deleteVersion(tx, id, version);
    await audit(tx, { actor: actor.id, action: 'instrument.deleted', target: `${id}@${version}`, ip: actor.ip });
  });
}

/** A version with its rounds and whether (and why not) it may be changed. */
export async function versionDetail(db: Queryable, id: string, version: string) {
  const v = await requireVersion(db, id, version);
  const rounds = await roundsUsingVersion(db, id, version);
  const lockReason = versionLockReason(v);
  return {
    ...v,
    editable: lockReason === null,
    lockReason: lockReason && `${lockReason} ${DUPLICATE_HINT}`,
    rounds,
  };
}

/** Which items of two versions of an instrument can be compared across rounds. */
export async function versionCompatibility(db: Queryable, id: string, from: string, to: string): Promise<VersionCompatibility> {
  const [a, b] = await Promise.all([requireVersion(db, id, from), requireVersion(db, id, to)]);
  return compareVersions(a.definition, b.definition);
}
