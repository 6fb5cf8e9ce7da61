// The invitation and reminder e-mails of a round: texts with placeholders ({namn}, {länk},
// {sista dag}, {kontaktperson}, … and English aliases), the built-in default texts, rendering for
// one respondent and the check that reports unknown placeholders. Pure and IO-free.

export type MailKind = 'invite' | 'remind';

export interface MailValues {
  /** The respondent's name; null renders as nothing ("Hej {namn}!" → "Hej!"). */
  name: string | null;
  link: string;
  /** Last day of the round (YYYY-MM-DD). */
  deadline: string;
  contact: string;
  roundTitle: string;
  instrumentTitle: string;
  municipality: string;
}

/** Placeholders: the Swedish name first (shown in the UI), then aliases. Matched case-insensitively. */
export const PLACEHOLDERS: ReadonlyArray<{ key: keyof MailValues; names: string[]; description: string }> = [
  { key: 'name', names: ['namn', 'name'], description: 'Respondentens namn' },
  { key: 'link', names: ['länk', 'lank', 'link'], description: 'Den personliga länken' },
  { key: 'deadline', names: ['sista dag', 'sista_dag', 'deadline'], description: 'Mätomgångens sista dag' },
  { key: 'contact', names: ['kontaktperson', 'kontakt', 'contact'], description: 'Kontaktperson (avsändare)' },
  { key: 'roundTitle', names: ['mätomgång', 'matomgang', 'round'], description: 'Mätomgångens rubrik' },
  { key: 'instrumentTitle', names: ['enkät', 'enkat', 'survey'], description: 'Enkätens namn' },
  { key: 'municipality', names: ['kommun', 'municipality'], description: 'Kommunens namn' },
];

const PLACEHOLDER = /\{([^{}\n]{1,40})\}/g;
const lookup = new Map(PLACEHOLDERS.flatMap((p) => p.names.map((n) => [n, p.key] as const)));
const keyOf = (raw: string) => lookup.get(raw.trim().toLowerCase().replace(/\s+/g, ' '));

/** The placeholders of a text that are not known, in order of appearance, each once (with braces). */
export function unknownPlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!keyOf(m[1]) && !out.includes(m[0])) out.push(m[0]);
  return out;
}

/** A Swedish validation message for a text with unknown placeholders, or null. */
export function placeholderError(label: string, text: string | null | undefined): string | null {
  if (!text) return null;
  const unknown = unknownPlaceholders(text);
  if (!unknown.length) return null;
  return `${label}: okänd platshållare ${unknown.join(', ')}. Använd ${PLACEHOLDERS.map((p) => `{${p.names[0]}}`).join(', ')}`;
}

/**
 * Replaces every known placeholder with its value; unknown ones are left as they are. An empty
 * value also takes the space before it when punctuation or the line end follows ("Hej {namn}!").
 */
export function renderTemplate(text: string, values: MailValues): string {
  return text.replace(/( ?)\{([^{}\n]{1,40})\}(?=(.?))/g, (whole, space: string, raw: string, next: string) => {
    const key = keyOf(raw);
    if (!key) return whole;
    const value = values[key] ?? '';
    if (value === '' && space && (next === '' || /[!,.?:;\n]/.test(next))) return '';
    return `${space}${value}`;
  });
}

/** The built-in texts, used when the round has none of its own. */
export const DEFAULT_TEXTS: Record<MailKind, { subject: string; body: string }> = {
  invite: {
    subject: 'Inbjudan: {mätomgång}',
    body: [
      'Hej {namn}!',
      '',
      'Du är inbjuden att besvara enkäten "{enkät}" i mätomgången "{mätomgång}" för {kommun}.',
      '',
      'Din personliga länk:',
      '{länk}',
      '',
      'Dina svar sparas medan du fyller i. Du kan fortsätta senare via samma länk fram till att mätomgången stänger (sista dag {sista dag}).',
      'Länken är personlig – dela den inte med någon annan.',
      '',
      'Med vänliga hälsningar',
      '{kontaktperson}',
    ].join('\n'),
  },
  remind: {
    subject: 'Påminnelse: {mätomgång}',
    body: [
      'Hej {namn}!',
      '',
      'Det här är en påminnelse om enkäten "{enkät}" i mätomgången "{mätomgång}" för {kommun}. Vi har ännu inte fått dina svar.',
      '',
      'Din personliga länk:',
      '{länk}',
      '',
      'Dina svar sparas medan du fyller i. Du kan fortsätta senare via samma länk fram till att mätomgången stänger (sista dag {sista dag}).',
      'Länken är personlig – dela den inte med någon annan.',
      '',
      'Med vänliga hälsningar',
      '{kontaktperson}',
    ].join('\n'),
  },
};

/** The round's own texts (null = the default). */
export interface RoundMailTexts {
  invitationSubject: string | null;
  invitationBody: string | null;
  reminderSubject: string | null;
  reminderBody: string | null;
}

/** The subject and body templates a round uses for a kind of mail. */
export function mailTemplate(kind: MailKind, texts: Partial<RoundMailTexts>): { subject: string; body: string } {
  const subject = kind === 'invite' ? texts.invitationSubject : texts.reminderSubject;
  const body = kind === 'invite' ? texts.invitationBody : texts.reminderBody;
  return { subject: subject || DEFAULT_TEXTS[kind].subject, body: body || DEFAULT_TEXTS[kind].body };
}

/** The e-mail a respondent gets. */
export function renderMail(kind: MailKind, texts: Partial<RoundMailTexts>, values: MailValues): { subject: string; body: string } {
  const t = mailTemplate(kind, texts);
  return { subject: renderTemplate(t.subject, values).replace(/\s+/g, ' ').trim(), body: renderTemplate(t.body, values) };
}
