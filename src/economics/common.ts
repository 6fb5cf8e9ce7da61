// What the economics use cases share: the caller, input checked with the domain's schemas (Swedish
// messages naming the field), municipality names, and loading a group or a 404. HTTP-free.
import type { z } from 'zod';
import { validate } from '../contracts/messages.ts';
import type { Queryable } from '../db/db.ts';
import type { NameOf } from '../domain/economics/compute.ts';
import { economicsAdminRefusal } from '../domain/economics/policy.ts';
import { badRequest, forbidden, notFound } from '../domain/errors.ts';
import type { Viewer } from '../domain/organisation.ts';
import { getGroup, type GroupRecord } from '../store/groups.ts';

/** Who calls a use case, and from where (for the audit log). */
export interface Caller {
  user: Viewer & { id: number };
  ip?: string;
}

/** Field names of the economics inputs where they differ from src/contracts/field-labels.ts. */
export const ECONOMICS_LABELS: Readonly<Record<string, string>> = { source: 'Källa' };

/** `data` checked with `schema`: the parsed value, or a 400 naming every failed field in Swedish. */
export function checked<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const r = validate(schema, data, ECONOMICS_LABELS);
  if (r.ok) return r.data;
  throw badRequest(
    [...new Set(r.errors.map((e) => e.text))].join('; '),
    r.errors.map(({ text: _text, ...e }) => e),
  );
}

/** Every municipality's name by SCB code. */
export async function municipalityNames(tx: Queryable): Promise<Record<string, string>> {
  const { rows } = await tx.query<{ code: string; name: string }>('SELECT code, name FROM municipalities');
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

export const unknownMunicipalityMessage = (codes: readonly string[]) =>
  codes.length === 1 ? `Kommunen med kod ${codes[0]} finns inte` : `Kommunerna med koderna ${codes.join(', ')} finns inte`;

/** A 400 when any of `codes` is not a known municipality (`path` names the field). */
export function requireKnownMunicipalities(names: Readonly<Record<string, string>>, codes: Iterable<string>, path = 'municipalityCode'): void {
  const unknown = [...new Set(codes)].filter((c) => !Object.hasOwn(names, c));
  if (unknown.length) throw badRequest(unknownMunicipalityMessage(unknown), [{ path, label: 'Kommun', message: unknownMunicipalityMessage(unknown) }]);
}

/** A 400 when any of `codes` is not a member of the group. */
export function requireMembers(group: GroupRecord, names: Readonly<Record<string, string>>, codes: Iterable<string>, path: string): void {
  requireKnownMunicipalities(names, codes, path);
  const outside = [...new Set(codes)].filter((c) => !group.members.includes(c));
  if (outside.length) {
    const message = `${outside.map((c) => names[c] ?? c).join(', ')} ingår inte i gruppen ${group.name}`;
    throw badRequest(message, [{ path, label: 'Kommun', message }]);
  }
}

export function requireEconomicsAdmin(viewer: Viewer): void {
  const refusal = economicsAdminRefusal(viewer);
  if (refusal) throw forbidden(refusal);
}

export async function requireGroup(tx: Queryable, id: number): Promise<GroupRecord> {
  const g = await getGroup(tx, id);
  if (!g) throw notFound('Gruppen finns inte');
  return g;
}

/** "Bengtsfors 2024": an audit entry's target for a municipality's year. */
export const yearTarget = (nameOf: NameOf, code: string, year: number) => `${nameOf(code)} ${year}`;
