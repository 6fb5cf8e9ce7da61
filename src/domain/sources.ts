// The five public reports samverka's instruments, demo data and rules are built from (docs/sources.md).
// Anything a user sees cites them by title, publisher and year through cite(); never by file name.
// Pure and IO-free.

export type SourceId = 'analysrapport-2024' | 'delrapport-mellerud-2021' | 'vgr-analys-2025-40' | 'omvarldsanalys-vanersborg' | 'forstudie-4d-2024';

export interface SourceReport {
  id: SourceId;
  title: string;
  /** A short form for running text, e.g. "Analysrapport 2024". */
  short: string;
  publisher: string;
  /** Publication date (ISO) or year as stated in the report. */
  published: string;
}

export const SOURCES: Record<SourceId, SourceReport> = {
  'analysrapport-2024': {
    id: 'analysrapport-2024',
    title: 'Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024',
    short: 'Analysrapport 2024',
    publisher: 'Fyrbodals kommunalförbund',
    published: '2024-05-17',
  },
  'delrapport-mellerud-2021': {
    id: 'delrapport-mellerud-2021',
    title: 'Digital motor Fyrbodal – Delrapport Mellerud',
    short: 'Delrapport Mellerud 2021',
    publisher: 'Fyrbodals kommunalförbund',
    published: '2021-03-31',
  },
  'vgr-analys-2025-40': {
    id: 'vgr-analys-2025-40',
    title: 'Delregionala digitaliseringsstrategier (VGR Analys 2025:40)',
    short: 'VGR Analys 2025:40',
    publisher: 'Västra Götalandsregionen',
    published: '2025-09-18',
  },
  'omvarldsanalys-vanersborg': {
    id: 'omvarldsanalys-vanersborg',
    title: 'Omvärldsanalys 2021–2023',
    short: 'Omvärldsanalys 2021–2023 (Vänersborg)',
    publisher: 'Vänersborgs kommun',
    published: '2020',
  },
  'forstudie-4d-2024': {
    id: 'forstudie-4d-2024',
    title: 'Förstudierapport: Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmåls kommun',
    short: 'Förstudierapport gemensam it-organisation 2024',
    publisher: 'Bengtsfors, Färgelanda, Mellerud och Åmåls kommuner',
    published: '2024',
  },
};

/**
 * A citation for users: "Titel (Utgivare, år)" and, when given, the place in the report
 * ("avsnitt 3.1.1", "tabell 1"). Example: cite('vgr-analys-2025-40', 'tabell 1').
 */
export function cite(id: SourceId, where?: string): string {
  const s = SOURCES[id];
  return `”${s.title}” (${s.publisher}, ${s.published.slice(0, 4)})${where ? `, ${where}` : ''}`;
}
