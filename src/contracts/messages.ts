// The Swedish validation messages, one set for the server and the web forms: zod's checks in plain
// Swedish, each message after the field's Swedish name ("E-postadress: ange en giltig e-postadress").
// Pure and browser-safe: src/server/http.ts answers 400 with these, the web's form resolver
// (src/web/form.ts) shows the same text beside the field before anything is sent.
import { z } from 'zod';
import { badRequest, type AppError } from '../domain/errors.ts';
import { svError } from '../domain/instruments/schema.ts';
import { fieldLabel } from './field-labels.ts';

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 4 });
const num = (x: unknown) => (typeof x === 'number' || typeof x === 'bigint' ? nf.format(x) : String(x));

/**
 * Plain Swedish messages for zod's built-in checks, written to follow a field label
 * ("E-postadress: ange en giltig e-postadress"). A message given in a schema wins over these;
 * anything not covered falls back to zod's Swedish locale.
 */
const friendlyError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'måste anges';
      switch (issue.expected) {
        case 'int':
          return 'ange ett heltal';
        case 'number':
        case 'bigint':
          return 'ange ett tal';
        case 'string':
          return 'ange en text';
        case 'boolean':
          return 'ange ja eller nej';
        case 'array':
          return 'ange en lista';
        default:
          return 'har fel form';
      }
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'måste fyllas i' : `minst ${num(issue.minimum)} tecken`;
      if (issue.origin === 'array' || issue.origin === 'set') return Number(issue.minimum) <= 1 ? 'välj minst ett alternativ' : `välj minst ${num(issue.minimum)}`;
      return issue.inclusive ? `minst ${num(issue.minimum)}` : `större än ${num(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `högst ${num(issue.maximum)} tecken`;
      if (issue.origin === 'array' || issue.origin === 'set') return `högst ${num(issue.maximum)} stycken`;
      return issue.inclusive ? `högst ${num(issue.maximum)}` : `mindre än ${num(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'ange en giltig e-postadress';
      if (issue.format === 'url') return 'ange en giltig webbadress (https://…)';
      if (issue.format === 'date' || issue.format === 'datetime') return 'ange ett giltigt datum (ÅÅÅÅ-MM-DD)';
      return 'har fel format';
    case 'invalid_value':
      return 'välj ett av de tillåtna alternativen';
    case 'invalid_union':
      return 'har fel form';
    case 'unrecognized_keys':
      return 'Förfrågan innehåller uppgifter som inte hör hit';
    case 'not_multiple_of':
      return `ska vara en multipel av ${num(issue.divisor)}`;
    default:
      return svError(issue);
  }
};

const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase('sv-SE') + s.slice(1) : s);
export const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1);

/** "E-postadress: ange en giltig e-postadress"; a message that already starts with its field stays as it is. */
export function labelledMessage(label: string | null, message: string): string {
  if (!label) return upperFirst(message);
  const field = label.replace(/, rad \d+$/, '').toLocaleLowerCase('sv-SE');
  // "Kommunkoden ska vara fyra siffror", "Beräknad tid: minst 1 minut" already name the field.
  if (message.toLocaleLowerCase('sv-SE').startsWith(field) && !/, rad \d+$/.test(label)) return upperFirst(message);
  return `${label}: ${lowerFirst(message)}`;
}

/** One failed check: where (`path`, dotted), the field's Swedish name, the message alone and with the name. */
export interface FieldIssue {
  path: string;
  label: string | null;
  message: string;
  text: string;
}

/** Validates `data` with `schema`: the data, or every failed check in Swedish. */
export function validate<T extends z.ZodType>(
  schema: T,
  data: unknown,
  labels?: Readonly<Record<string, string>>,
): { ok: true; data: z.infer<T> } | { ok: false; errors: FieldIssue[] } {
  const r = schema.safeParse(data, { error: friendlyError });
  if (r.success) return { ok: true, data: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => {
      const label = fieldLabel(i.path, labels as Record<string, string> | undefined);
      return { path: i.path.map(String).join('.'), label, message: upperFirst(i.message), text: labelledMessage(label, i.message) };
    }),
  };
}

/**
 * A 400 about one field found by a check after parsing, worded as validation words it ("Slutår:
 * slutåret …"; a message that starts with its field stays as it is), with the path in details.
 * `label` overrides the field's usual name.
 */
export function fieldError(path: string, message: string, label: string | null = fieldLabel(path.split('.'))): AppError {
  return badRequest(labelledMessage(label, message), [{ path, label, message: upperFirst(message) }]);
}
