// The 4D self-assessment of IT competencies ("Förstudierapport: Gemensam it-organisation för
// Bengtsfors, Färgelanda, Mellerud och Åmåls kommun", 2024): ratings 1–3 from Bilaga 2, future-state
// targets and markers (* / **) from tabell 2, in the seed's order. Names follow instruments/it-kompetens.json
// (the seed's "SQL/Oacle/Database-administratör" is spelled correctly there).

export const MUNICIPALITIES_4D = [
  { code: '1460', name: 'Bengtsfors' },
  { code: '1439', name: 'Färgelanda' },
  { code: '1461', name: 'Mellerud' },
  { code: '1492', name: 'Åmål' },
] as const;

export type Code4D = (typeof MUNICIPALITIES_4D)[number]['code'];

export interface Competence4D {
  itemId: string;
  name: string;
  target: 1 | 2 | 3;
  marker?: '*' | '**';
  ratings: Record<Code4D, 1 | 2 | 3>;
}

export const IT_KOMPETENS_4D: readonly Competence4D[] = [
  { itemId: 'disaster-recovery-virtualisering-datacenter', name: 'Disaster recovery/virtualisering/Datacenter', target: 2, marker: '*', ratings: { '1460': 3, '1439': 1, '1461': 2, '1492': 2 } },
  { itemId: 'identitet-katalogtjanst', name: 'Entra/AD/Azure AD/Katalogtjänst/Identitet', target: 3, marker: '**', ratings: { '1460': 3, '1439': 2, '1461': 3, '1492': 2 } },
  { itemId: 'integration-systemspecialist', name: 'Integration/Systemspecialist', target: 2, marker: '*', ratings: { '1460': 3, '1439': 2, '1461': 3, '1492': 2 } },
  { itemId: 'itil-incident-problemhantering', name: 'ITIL/Incident-problem hantering', target: 2, marker: '*', ratings: { '1460': 2, '1439': 2, '1461': 3, '1492': 1 } },
  { itemId: 'it-ledning', name: 'It-ledning', target: 3, ratings: { '1460': 3, '1439': 1, '1461': 1, '1492': 2 } },
  { itemId: 'it-projektledning', name: 'It-projektledning', target: 2, ratings: { '1460': 3, '1439': 2, '1461': 2, '1492': 2 } },
  { itemId: 'it-sakerhet-it-arkitektur', name: 'It-säkerhet/it-arkitektur', target: 2, marker: '*', ratings: { '1460': 2, '1439': 1, '1461': 3, '1492': 2 } },
  { itemId: 'leverantorsstyrning', name: 'Leverantörsstyrning', target: 3, ratings: { '1460': 3, '1439': 1, '1461': 2, '1492': 2 } },
  { itemId: 'm365', name: 'M365', target: 3, marker: '**', ratings: { '1460': 3, '1439': 2, '1461': 3, '1492': 2 } },
  { itemId: 'natverk-kommunikation-brandvagg', name: 'Nätverk och kommunikation/Brandvägg', target: 3, marker: '*', ratings: { '1460': 3, '1439': 1, '1461': 2, '1492': 2 } },
  { itemId: 'programpaketering', name: 'Programpaketering', target: 3, ratings: { '1460': 2, '1439': 3, '1461': 3, '1492': 2 } },
  { itemId: 'databasadministration', name: 'SQL/Oracle/Databasadministratör', target: 2, marker: '*', ratings: { '1460': 2, '1439': 1, '1461': 3, '1492': 2 } },
  { itemId: 'support-first-line', name: 'Support, first line', target: 3, ratings: { '1460': 3, '1439': 3, '1461': 3, '1492': 3 } },
  { itemId: 'support-second-line', name: 'Support, second line', target: 3, ratings: { '1460': 3, '1439': 2, '1461': 3, '1492': 3 } },
  { itemId: 'systemdrift', name: 'Systemdrift', target: 2, marker: '*', ratings: { '1460': 3, '1439': 2, '1461': 2, '1492': 2 } },
];
