// The event log as people read it (Administration → Logg): Swedish event names, people's names and
// the titles of what an event concerns, never action codes such as `self_assessment.created` or
// targets such as `round:7/1461`. The codes stay in the database for programs. Pure and IO-free.
import { SIGN_IN_METHOD_LABELS, type SignInRefusal } from './identity/policy.ts';
import { INDICATOR_LABELS } from './portfolio/indicators.ts';
import { PARTICIPATION_LABELS, STAGE_LABELS } from './portfolio/types.ts';
import { ROLE_LABELS } from './organisation.ts';
import { ROUND_STATUS_LABELS } from './rounds.ts';

/**
 * Every action code written to the audit log (src/store/audit.ts callers), with its Swedish label.
 * test/audit-labels.test.ts fails when code in src writes an action that is missing here.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: 'Inloggning',
  'login.failed': 'Misslyckad inloggning',
  logout: 'Utloggning',
  'password.reset_requested': 'Begäran om nytt lösenord',
  'password.reset': 'Lösenordet byttes',
  'user.created': 'Konto skapat',
  'user.permissions_changed': 'Roll eller kommuner ändrade',
  'instrument.created': 'Instrumentversion sparad',
  'instrument.updated': 'Instrumentversion uppdaterad',
  'instrument.unchanged': 'Instrumentversion oförändrad',
  'instrument.in-use': 'Instrumentversion används redan och ändrades inte',
  'instrument.duplicated': 'Instrumentversion kopierad till utkast',
  'instrument.deleted': 'Utkast till instrumentversion borttaget',
  'round.created': 'Mätomgång skapad',
  'round.updated': 'Mätomgång ändrad',
  'round.open': 'Mätomgång öppnad',
  'round.close': 'Mätomgång stängd',
  'round.reopen': 'Mätomgång öppnad igen',
  'round.deleted': 'Mätomgång borttagen',
  'respondents.added': 'Respondenter tillagda',
  'respondents.invited': 'Inbjudningar skickade',
  'respondents.reminded': 'Påminnelser skickade',
  'respondents.imported': 'Respondenter importerade',
  'respondent.updated': 'Respondent ändrad',
  'respondent.deleted': 'Respondent borttagen',
  'respondent.new_link': 'Ny svarslänk skapad',
  'self_assessment.created': 'Självskattning påbörjad',
  'responses.imported': 'Svar importerade',
  'published.saved': 'Publicerat aggregat sparat',
  'published.deleted': 'Publicerat aggregat borttaget',
  'published.imported': 'Publicerade aggregat importerade',
  'report.batch': 'Delrapporter skapade för alla kommuner',
  'initiative.created': 'Initiativ registrerat',
  'initiative.created_from_candidate': 'Initiativ skapat från samverkanskandidat',
  'initiative.updated': 'Initiativ ändrat',
  'initiative.stage_moved': 'Initiativ flyttat till nytt steg',
  'initiative.scored': 'Initiativ poängsatt',
  'initiative.participation_set': 'Kommunens deltagande ändrat',
  'initiative.participation_removed': 'Kommunens deltagande borttaget',
  'initiative.actor_set': 'Aktör knuten till initiativ',
  'initiative.actor_removed': 'Aktör borttagen från initiativ',
  'initiative.status_reported': 'Statusrapport lämnad',
  'portfolio.criteria_changed': 'Kvalificeringskriterier ändrade',
  'portfolio.gates_changed': 'Krav för stegen ändrade',
  'actor.created': 'Aktör registrerad',
  'network.created': 'Nätverk registrerat',
  'risk.created': 'Risk registrerad',
  'risk.updated': 'Risk ändrad',
  'risk.deleted': 'Risk borttagen',
  'risk.assessed': 'Risk bedömd',
  'risk.themes_changed': 'Riskteman ändrade',
  'risk.threshold_changed': 'Gränsen för allvarliga risker ändrad',
  'network.updated': 'Nätverk ändrat',
  'indicator.set': 'Indikatorvärde angivet',
  'funding.saved': 'Rekvirerade medel sparade',
  'economics.saved': 'It-ekonomi sparad',
  'economics.deleted': 'It-ekonomi borttagen',
  'economics.benchmark_saved': 'Riktmärke för it-kostnad sparat',
  'reference.added': 'Referensserie tillagd',
  'reference.changed': 'Referensserie ändrad',
  'reference.deleted': 'Referensserie borttagen',
  'economics.group_created': 'Kommungrupp skapad',
  'economics.group_updated': 'Kommungrupp ändrad',
  'economics.savings_saved': 'Besparingsscenario sparat',
  'economics.cost_sharing_saved': 'Kostnadsfördelning sparad',
  'economics.imported': 'It-ekonomi importerad från fil',
  'login.refused': 'Inloggning nekad',
  'login.second_factor_failed': 'Fel kod vid tvåstegsverifiering',
  'sso.account_created': 'Konto skapat vid första SSO-inloggning',
  'sso.identity_linked': 'SSO-identitet kopplad till konto',
  'sso.refused': 'SSO-inloggning nekad',
  'invitation.created': 'Inbjudan skickad',
  'invitation.resent': 'Inbjudan skickad igen',
  'invitation.revoked': 'Inbjudan återkallad',
  'invitation.accepted': 'Inbjudan mottagen',
  'user.deactivated': 'Konto avaktiverat',
  'user.reactivated': 'Konto återaktiverat',
  'password.changed': 'Eget lösenord bytt',
  'session.ended': 'Inloggning avslutad',
  'totp.enabled': 'Tvåstegsverifiering påslagen',
  'totp.disabled': 'Tvåstegsverifiering avslagen',
  'totp.recovery_used': 'Reservkod använd',
  'totp.recovery_regenerated': 'Nya reservkoder skapade',
  'totp.reset': 'Tvåstegsverifiering nollställd av administratör',
  'security.settings_changed': 'Säkerhetsinställningar ändrade',
  'sign_in_domain.saved': 'Regel för e-postdomän sparad',
  'sign_in_domain.deleted': 'Regel för e-postdomän borttagen',
  'audit.exported': 'Händelseloggen exporterad',
  'audit.pruned': 'Gamla händelser raderade',
  'personal_data.exported': 'Personuppgifter exporterade',
  'report.generated': 'Rapport skapad som fil',
};

/**
 * The groups of events people filter the log by (Administration → Logg, `?category=`). Every labelled
 * action belongs to exactly one (test/audit-log.test.ts); the exports of personal data, the event log's
 * own included, are one group so that an auditor finds them all in one place.
 */
export const AUDIT_CATEGORIES = {
  inloggning: 'Inloggning',
  konton: 'Konton',
  sakerhet: 'Säkerhet',
  matomgangar: 'Mätomgångar',
  instrument: 'Instrument',
  initiativ: 'Initiativ och uppföljning',
  risker: 'Risker',
  ekonomi: 'It-ekonomi',
  rapporter: 'Rapporter',
  export: 'Export av personuppgifter',
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORIES;
export const AUDIT_CATEGORY_IDS = Object.keys(AUDIT_CATEGORIES) as [AuditCategory, ...AuditCategory[]];

const CATEGORY_RULES: Array<[RegExp, AuditCategory]> = [
  [/^(audit\.exported|personal_data\.)/, 'export'],
  [/^(login|logout|password\.|session\.|sso\.|totp\.)/, 'inloggning'],
  [/^(user\.|invitation\.)/, 'konton'],
  [/^(security\.|sign_in_domain\.|audit\.)/, 'sakerhet'],
  [/^(round\.|respondents?\.|self_assessment\.|responses\.|published\.)/, 'matomgangar'],
  [/^instrument\./, 'instrument'],
  [/^(initiative\.|portfolio\.|actor\.|network\.|indicator\.|funding\.|reference\.)/, 'initiativ'],
  [/^risk\./, 'risker'],
  [/^economics\./, 'ekonomi'],
  [/^report\./, 'rapporter'],
];

export function auditCategoryOf(action: string): AuditCategory | undefined {
  return CATEGORY_RULES.find(([re]) => re.test(action))?.[1];
}

/** The labelled action codes of a category (what `?category=` filters on). */
export function auditActionsOf(category: AuditCategory): string[] {
  return Object.keys(AUDIT_ACTION_LABELS).filter((a) => auditCategoryOf(a) === category);
}

/** The Swedish name of an action; an unknown code is never shown as it is. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? 'Annan händelse';
}

/** What a log entry's target refers to, parsed from its stored form. */
export type AuditTargetRef =
  | { kind: 'round'; roundId: number; municipality?: string }
  | { kind: 'respondent'; respondentId: number }
  | { kind: 'initiative'; initiativeId: number }
  | { kind: 'user'; email: string }
  | { kind: 'instrument'; instrument: string; version: string }
  | { kind: 'indicator'; year: number; indicator: string }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

export function parseAuditTarget(action: string, target: string | null): AuditTargetRef {
  if (!target) return { kind: 'none' };
  let m = /^round:(\d+)(?:\/(\d{4}))?$/.exec(target);
  if (m) return { kind: 'round', roundId: Number(m[1]), ...(m[2] ? { municipality: m[2] } : {}) };
  m = /^respondent:(\d+)$/.exec(target);
  if (m) return { kind: 'respondent', respondentId: Number(m[1]) };
  if (action.startsWith('initiative.') && /^\d+$/.test(target)) return { kind: 'initiative', initiativeId: Number(target) };
  if (action.startsWith('instrument.')) {
    const at = target.lastIndexOf('@');
    if (at > 0) return { kind: 'instrument', instrument: target.slice(0, at), version: target.slice(at + 1) };
  }
  m = /^(\d{4})\/([a-z_]+)$/.exec(target);
  if (action === 'indicator.set' && m) return { kind: 'indicator', year: Number(m[1]), indicator: m[2] };
  if (/^(login|logout|password\.|user\.|invitation\.|sso\.|totp\.|session\.)/.test(action) && target.includes('@')) return { kind: 'user', email: target };
  return { kind: 'text', text: target };
}

/** Names and titles the store looked up for the refs of a page of entries. */
export interface AuditLookups {
  municipalities: Record<string, string>;
  rounds: Record<number, string>;
  /** A respondent's round and municipality (the respondent row may since have been deleted). */
  respondents: Record<number, { roundId: number; municipality: string; name: string | null }>;
  initiatives: Record<number, string>;
  /** User names by lower-case e-mail. */
  users: Record<string, string>;
  instruments: Record<string, string>;
}

const municipalityName = (code: string, l: AuditLookups) => l.municipalities[code] ?? `kommun ${code}`;
const roundPhrase = (id: number, l: AuditLookups) => (l.rounds[id] ? `mätomgången ”${l.rounds[id]}”` : 'en borttagen mätomgång');
const cap = (s: string) => s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1);

/** The target in words: "Mätomgången ”Digitaliseringsenkät 2024”, Mellerud". */
export function describeAuditTarget(ref: AuditTargetRef, l: AuditLookups): string {
  switch (ref.kind) {
    case 'none':
      return '–';
    case 'round':
      return cap(ref.municipality ? `${roundPhrase(ref.roundId, l)}, ${municipalityName(ref.municipality, l)}` : roundPhrase(ref.roundId, l));
    case 'respondent': {
      const r = l.respondents[ref.respondentId];
      if (!r) return 'En borttagen respondent';
      return `${r.name ? `Respondenten ${r.name}` : 'En respondent'} i ${municipalityName(r.municipality, l)}, ${roundPhrase(r.roundId, l)}`;
    }
    case 'initiative':
      return l.initiatives[ref.initiativeId] ? `Initiativet ”${l.initiatives[ref.initiativeId]}”` : 'Ett borttaget initiativ';
    case 'user': {
      const name = l.users[ref.email.toLowerCase()];
      return name ? `${name} (${ref.email})` : ref.email;
    }
    case 'instrument':
      return `${l.instruments[ref.instrument] ? `Instrumentet ”${l.instruments[ref.instrument]}”` : `Instrumentet ${ref.instrument}`}, version ${ref.version}`;
    case 'indicator':
      return `${INDICATOR_LABELS[ref.indicator as keyof typeof INDICATOR_LABELS] ?? 'Indikator'} (${ref.year})`;
    case 'text':
      return ref.text;
  }
}

const reasonText = (r: unknown) => (typeof r === 'string' && r.trim() ? `Motivering: ${r.trim()}` : '');

const label = <T extends string>(labels: Record<T, string>, v: unknown) => (typeof v === 'string' && v in labels ? labels[v as T] : null);

const SECOND_FACTOR_LABELS = { totp: 'kod från autentiseringsapp', recovery_code: 'reservkod' };
const REFUSAL_LABELS: Record<SignInRefusal, string> = {
  deactivated: 'Kontot är avaktiverat',
  not_activated: 'Kontot är inte aktiverat',
  password_disabled: 'Organisationen loggar in med sitt eget konto',
  no_password: 'Kontot har inget lösenord',
};
const REPORT_KIND_LABELS = { regional: 'Regional rapport', delrapport: 'Delrapport', group: 'Jämförelserapport för en grupp' };
/** What a `personal_data.exported` entry exported (details.what). */
export const PERSONAL_DATA_EXPORT_LABELS = {
  respondent_links: 'Respondenternas namn, e-post och personliga länkar',
  responses: 'Svar, med fritextsvar',
};

/** "Lösenord + kod från autentiseringsapp", "Inloggning med organisationens konto (SSO) via microsoft". */
function signInMethod(d: Record<string, unknown>): string {
  const method = label(SIGN_IN_METHOD_LABELS, d.method);
  if (!method) return '';
  const provider = typeof d.provider === 'string' && d.provider ? ` via ${d.provider}` : '';
  const second = label(SECOND_FACTOR_LABELS, d.secondFactor);
  return `${method}${provider}${second ? ` + ${second}` : ''}`;
}

const joined = (...parts: Array<string | null | undefined | false>) => parts.filter(Boolean).join(', ');
const format = (v: unknown) => (typeof v === 'string' && v ? v.toUpperCase() : null);

/** A short Swedish summary of an entry's details where they say more than the event name. */
export function describeAuditDetails(action: string, details: unknown, l: AuditLookups): string {
  const d = (details && typeof details === 'object' ? details : {}) as Record<string, unknown>;
  const muni = typeof d.municipality === 'string' ? municipalityName(d.municipality, l) : null;
  switch (action) {
    case 'round.open':
    case 'round.close':
    case 'round.reopen': {
      const from = label(ROUND_STATUS_LABELS, d.from);
      const to = label(ROUND_STATUS_LABELS, d.to);
      return from && to ? `${from} → ${to}` : '';
    }
    case 'initiative.stage_moved': {
      const from = label(STAGE_LABELS, d.from);
      const to = label(STAGE_LABELS, d.to);
      const reason = typeof d.reason === 'string' && d.reason ? `: ${d.reason}` : '';
      return from && to ? `${from} → ${to}${reason}` : '';
    }
    case 'initiative.participation_set': {
      const kind = label(PARTICIPATION_LABELS, d.kind);
      return muni ? `${muni}${kind ? `: ${kind.toLocaleLowerCase('sv-SE')}` : ''}` : '';
    }
    case 'initiative.participation_removed':
      return muni ?? '';
    case 'initiative.status_reported':
      return typeof d.period === 'string' ? `Period ${d.period}` : '';
    case 'respondents.invited':
    case 'respondents.reminded':
    case 'respondents.added':
    case 'responses.imported':
    case 'report.batch': {
      const n = [d.count, d.sent, d.added, d.written, d.municipalities].find((x) => typeof x === 'number');
      return typeof n === 'number' ? `Antal: ${n}` : '';
    }
    case 'login':
      return signInMethod(d);
    case 'login.refused':
      return [signInMethod(d), label(REFUSAL_LABELS, d.reason)].filter(Boolean).join(': ');
    case 'login.failed': {
      // 'locked' is written by entries from before sign-ins were throttled per address.
      const why =
        d.reason === 'throttled'
          ? typeof d.waitSeconds === 'number'
            ? `För många försök, fick vänta ${d.waitSeconds} s`
            : 'För många försök'
          : d.reason === 'locked'
            ? 'Kontot var spärrat'
            : d.reason === 'invalid'
              ? 'Fel e-postadress eller lösenord'
              : '';
      return [signInMethod(d), why].filter(Boolean).join(': ');
    }
    case 'report.generated':
      return joined(label(REPORT_KIND_LABELS, d.report), format(d.format));
    case 'personal_data.exported':
    case 'audit.exported': {
      const what = action === 'audit.exported' ? 'Händelseloggen' : label(PERSONAL_DATA_EXPORT_LABELS, d.what);
      // The round and municipality are the entry's target.
      return joined(what, typeof d.rows === 'number' ? `${d.rows} rader` : null, format(d.format));
    }
    case 'security.settings_changed': {
      const b = (d.before ?? {}) as Record<string, unknown>;
      const a = (d.after ?? {}) as Record<string, unknown>;
      const onOff = (v: unknown) => (v ? 'på' : 'av');
      return joined(
        b.requireTotpForAdmins !== a.requireTotpForAdmins && `Tvåstegsverifiering för förbundsadmin: ${onOff(b.requireTotpForAdmins)} → ${onOff(a.requireTotpForAdmins)}`,
        b.auditRetentionDays !== a.auditRetentionDays && `Loggen sparas: ${b.auditRetentionDays} → ${a.auditRetentionDays} dagar`,
      );
    }
    case 'audit.pruned':
      return typeof d.count === 'number' ? `${d.count} händelser äldre än ${d.retentionDays} dagar` : '';
    case 'password.reset_requested':
      return d.unknownAddress === true ? 'Adressen hör inte till något konto; inget mejl skickades' : '';
    case 'user.permissions_changed': {
      const side = (x: unknown) => {
        const p = (x && typeof x === 'object' ? x : {}) as { role?: unknown; municipalities?: unknown };
        const role = label(ROLE_LABELS, p.role);
        const munis = Array.isArray(p.municipalities) ? p.municipalities.filter((m): m is string => typeof m === 'string').map((m) => municipalityName(m, l)) : [];
        return role ? `${role}${munis.length ? ` (${munis.join(', ')})` : ''}` : null;
      };
      const from = side(d.before);
      const to = side(d.after);
      const change = from && to ? `${from} → ${to}` : '';
      return [change, reasonText(d.reason)].filter(Boolean).join('. ');
    }
    case 'user.deactivated':
    case 'user.reactivated':
      return reasonText(d.reason);
    default:
      return '';
  }
}
