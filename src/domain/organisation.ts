// The organisation model's reference data (DOMAIN.md §2): pure data, no IO.

export interface Municipality {
  code: string;
  name: string;
}

export const AREAS: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'administration', name: 'Administration och kommunikation' },
  { id: 'socialtjanst', name: 'Socialtjänst, vård och omsorg' },
  { id: 'utbildning', name: 'Utbildning och skola' },
  { id: 'samhallsbyggnad', name: 'Samhällsbyggnad' },
  { id: 'kultur', name: 'Kultur och fritid' },
  { id: 'kommunstyrelse', name: 'Kommunstyrelse och politik' },
  { id: 'ekonomi', name: 'Ekonomi' },
  { id: 'hr', name: 'HR och personal' },
  { id: 'naringsliv', name: 'Näringsliv' },
  { id: 'it', name: 'IT' },
];

export const FYRBODAL: ReadonlyArray<Municipality> = [
  { code: '1460', name: 'Bengtsfors' },
  { code: '1438', name: 'Dals-Ed' },
  { code: '1439', name: 'Färgelanda' },
  { code: '1484', name: 'Lysekil' },
  { code: '1461', name: 'Mellerud' },
  { code: '1430', name: 'Munkedal' },
  { code: '1421', name: 'Orust' },
  { code: '1427', name: 'Sotenäs' },
  { code: '1486', name: 'Strömstad' },
  { code: '1435', name: 'Tanum' },
  { code: '1488', name: 'Trollhättan' },
  { code: '1485', name: 'Uddevalla' },
  { code: '1487', name: 'Vänersborg' },
  { code: '1492', name: 'Åmål' },
];

export const REGION = 'Västra Götalandsregionen';
export const ASSOCIATION = 'Fyrbodals kommunalförbund';
export const OTHER_ASSOCIATIONS = ['Göteborgsregionen', 'Sjuhärads kommunalförbund', 'Skaraborgs kommunalförbund'];

export const IT_ORGANISATIONS: ReadonlyArray<{ name: string; description: string; members: string[] }> = [
  { name: 'SML-IT', description: 'Gemensam IT-organisation för Sotenäs, Munkedal och Lysekil', members: ['1484', '1430', '1427'] },
  {
    name: '4D (förstudie)',
    description: 'Förstudie om gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (2024)',
    members: ['1460', '1439', '1461', '1492'],
  },
];

export const ACTORS: ReadonlyArray<{ name: string; kind: 'akademi' | 'naringsliv' | 'natverk' | 'region' | 'ovrigt' }> = [
  { name: 'Högskolan Väst', kind: 'akademi' },
  { name: 'Innovatum', kind: 'naringsliv' },
  { name: 'Fyrbodals IT-chefsnätverk', kind: 'natverk' },
  { name: 'Nätverket för digitaliseringsstrateger i Fyrbodal', kind: 'natverk' },
  { name: 'Västra Götalandsregionen', kind: 'region' },
];

export const ROLES = ['forbundsadmin', 'kommunansvarig', 'lasare', 'regionanalytiker'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  forbundsadmin: 'Förbundsadmin',
  kommunansvarig: 'Kommunansvarig',
  lasare: 'Läsare',
  regionanalytiker: 'Regionanalytiker',
};

/** Demo accounts, one per role (plus a second kommunansvarig), marked as demo in the UI; the association's accounts are Fyrbodal's. */
export const DEMO_PASSWORD = 'demo-samverka-2026';
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: Role; municipalities: string[] }> = [
  { email: 'admin@demo.samverka.se', name: 'Demo Förbundsadmin', role: 'forbundsadmin', municipalities: [] },
  { email: 'mellerud@demo.samverka.se', name: 'Demo Kommunansvarig Mellerud', role: 'kommunansvarig', municipalities: ['1461'] },
  { email: 'sml-it@demo.samverka.se', name: 'Demo Kommunansvarig SML-IT', role: 'kommunansvarig', municipalities: ['1484', '1430', '1427'] },
  { email: 'lasare@demo.samverka.se', name: 'Demo Läsare', role: 'lasare', municipalities: [] },
  // The region's analyst (VGR): no association, reads every association's follow-up (issue 14).
  { email: 'region@demo.samverka.se', name: 'Demo Regionanalytiker', role: 'regionanalytiker', municipalities: [] },
];

/**
 * A signed-in user as the rules of access see them: a role, for a kommunansvarig its own municipalities,
 * and the association the account belongs to (none for a regionanalytiker). `associationMembers` are the
 * member municipalities of that association: a förbundsadmin sees their identifiable data, no other's.
 * A viewer without `associationMembers` is the operator at the command line, bound to no association.
 */
export interface Viewer {
  role: Role;
  /** A kommunansvarig's own municipalities (SCB codes). */
  municipalities: readonly string[];
  /** The account's association (null for a regionanalytiker; absent for the command-line operator). */
  associationId?: number | null;
  /** The member municipalities (SCB codes) of the account's association. */
  associationMembers?: readonly string[];
}

/** Who may see a municipality's identifiable data (DOMAIN.md §1, §2): never across associations, never the region's analyst. */
export function canSeeMunicipality(user: Viewer, code: string): boolean {
  if (user.role === 'forbundsadmin') return user.associationMembers === undefined || user.associationMembers.includes(code);
  if (user.role === 'kommunansvarig') return user.municipalities.includes(code);
  return false;
}
