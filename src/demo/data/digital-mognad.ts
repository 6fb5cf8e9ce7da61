// Targets for the synthesised DiMiOS-style maturity rounds (instruments/digital-mognad.json).
// x = digital förmåga, y = digitalt arv, both in % of the 0–6 scale maximum; overall = their mean.
//
// 2020 reproduces the published facts (Analysrapport 2024, avsnitt 3.2.3 and figur 7; Delrapport Mellerud 2021, avsnitt 3.1.3): 13
// municipalities, regional mean about 53 % (here 53.3 %), seven in field B (möjliggörande arv, låg
// förmåga), one in A and five in D, Mellerud in D. Which municipality sat in which field is not
// published: the assignment below is demo data.
//
// 2025 is a fictional follow-up of ten of them: five rise by 7–8 percentage points (at least the
// instrument's minimum meaningful change of 5), four move less than 1.5, one falls by 8, so the
// indicator "andel kommuner som visar på ökad digital mognad" is 5 of 10 = 50 %. Targets keep at
// least 1.5 pp away from every threshold, since whole answers reach them only to about ±1 pp.

export interface MaturityTarget {
  code: string;
  /** Digital förmåga, % of max. */
  x: number;
  /** Digitalt arv, % of max. */
  y: number;
}

export const DIMIOS_2020: readonly MaturityTarget[] = [
  { code: '1438', x: 36, y: 44 }, // A
  { code: '1460', x: 42, y: 58 }, // B
  { code: '1439', x: 38, y: 56 }, // B
  { code: '1421', x: 44, y: 62 }, // B
  { code: '1427', x: 40, y: 60 }, // B
  { code: '1486', x: 45, y: 58 }, // B
  { code: '1430', x: 41, y: 64 }, // B
  { code: '1492', x: 43, y: 60 }, // B
  { code: '1461', x: 56, y: 62 }, // D (Mellerud, Delrapport Mellerud 2021: "Ni har mognadsnivå D")
  { code: '1484', x: 58, y: 64 }, // D
  { code: '1485', x: 60, y: 66 }, // D
  { code: '1487', x: 57, y: 60 }, // D
  { code: '1435', x: 55, y: 58 }, // D
];

export const DIMIOS_2025: readonly MaturityTarget[] = [
  { code: '1460', x: 48, y: 66 }, // 50 → 57: increased
  { code: '1439', x: 45, y: 64 }, // 47 → 54.5: increased
  { code: '1430', x: 52, y: 68 }, // 52.5 → 60: increased
  { code: '1461', x: 64, y: 70 }, // 59 → 67: increased
  { code: '1485', x: 68, y: 74 }, // 63 → 71: increased
  { code: '1427', x: 41, y: 60 }, // 50 → 50.5: unchanged
  { code: '1492', x: 43, y: 61 }, // 51.5 → 52: unchanged
  { code: '1484', x: 58, y: 63 }, // 61 → 60.5: unchanged
  { code: '1435', x: 56, y: 58 }, // 56.5 → 57: unchanged
  { code: '1487', x: 53, y: 48 }, // 58.5 → 50.5: decreased
];

/**
 * Per-item offsets (in scale steps) that give the synthesised answers a plausible shape: stronger on
 * operations, information security and infrastructure, weaker on open data, open development,
 * scaling and benefit realisation (the pattern Analysrapport 2024 and Delrapport Mellerud 2021 describe). Offsets only shape
 * the profile; every municipality's dimension totals still hit their targets.
 */
export const ITEM_PROFILE: Readonly<Record<string, number>> = {
  forvaltningsstyrning: 0.6,
  'informationssakerhet-integritet': 0.5,
  projektstyrning: 0.3,
  'ekonomiska-ramar': 0,
  'oppna-data': -0.9,
  'oppen-utveckling': -0.8,
  skalning: -0.5,
  nyttorealisering: -0.6,
  nyttokontroll: -0.3,
  anvandarinvolvering: -0.2,
  kostnadskontroll: 0.5,
  kompetensforsorjning: 0.2,
  portfoljstyrning: -0.2,
  infrastruktur: 0.7,
  'teknisk-skuld': -0.4,
  'skugg-it': -0.2,
  anvandarnojdhet: 0.3,
  rykte: -0.2,
  kompetensmix: -0.2,
};
