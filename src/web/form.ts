// Forms validate with the endpoint's own zod schema before anything is sent (react-hook-form with a
// resolver over src/contracts/messages.ts): the same Swedish messages as the server's 400, beside
// the field and, named by the field, in the form's summary.
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { validate, type FieldIssue } from '../contracts/messages.ts';

/** Puts `value` at a dotted path of `target` ("benefits.hoursPerYear", "links.0.label"). */
function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let at = target;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]] ??= value;
}

/**
 * A resolver that turns the form's values into the request body (`toBody`) and validates that with
 * `schema`. Errors are keyed by the body's paths (the same as the server's `details`); `onIssues`
 * receives every failed check with its labelled text for the form's summary.
 */
export function contractResolver<F extends FieldValues>(
  schema: z.ZodType,
  toBody: (values: F) => unknown,
  onIssues: (issues: FieldIssue[]) => void,
  labels?: Readonly<Record<string, string>>,
): Resolver<F> {
  return async (values) => {
    const r = validate(schema, toBody(values), labels);
    onIssues(r.ok ? [] : r.errors);
    if (r.ok) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const e of r.errors) setPath(errors, e.path || 'root', { type: 'validate', message: e.message });
    return { values: {}, errors: errors as FieldErrors<F> };
  };
}

/** The message at a dotted path of react-hook-form's errors. */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  let at: unknown = errors;
  for (const k of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined;
  const m = at && typeof at === 'object' ? (at as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : undefined;
}
