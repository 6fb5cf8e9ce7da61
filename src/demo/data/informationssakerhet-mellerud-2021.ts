// Mellerud's information-security self-assessment of 2021, exactly as published: Delrapport Mellerud 2021
// ("Digital motor Fyrbodal – Delrapport Mellerud", Fyrbodals kommunalförbund, 2021-03-31), avsnitt 3.2,
// figur 6. CISO: Ja; CISO's time per week: "1-10 timmar" (held as the band, instrument version 2024.5);
// the seven established ways of working: Nej (the degree questions are unanswered in the source). The
// recommendation for each "Nej" is the instrument's (avsnitt 3.2.1).
import type { AnswerValue } from '../../domain/instruments/schema.ts';

export const MELLERUD_INFOSAK_CODE = '1461';

/** The published answers, item by item (instruments/informationssakerhet-2024.5.json). */
export const MELLERUD_INFOSAK_2021: Readonly<Record<string, AnswerValue>> = {
  ciso: { answer: 'ja' },
  'ciso-timmar': '1-10',
  'ledningens-genomgang': { answer: 'nej' },
  riskhantering: { answer: 'nej' },
  informationsklassning: { answer: 'nej' },
  kontinuitet: { answer: 'nej' },
  medvetande: { answer: 'nej' },
  upphandling: { answer: 'nej' },
  uppfoljning: { answer: 'nej' },
};

/**
 * The published reference values of the digital maturity views (measure: digital mognad, overall, percent
 * of the scale maximum):
 * - the national DiMiOS level, 47 %: Delrapport Mellerud 2021, avsnitt 3.1.3 ("Nivån av digital mognad i
 *   Sverige är 47%, vilket redovisas i statusrapporten för de årliga Dimiosmätningarna"); the same figure in
 *   Analysrapport 2024, avsnitt 3.2.3 ("det svenska genomsnittet på 47 %");
 * - Fyrbodal's 2020 level, about 53 %: Analysrapport 2024, avsnitt 3.2.3 ("Den genomsnittliga digitala
 *   mognaden för kommunerna i Fyrbodals är cirka 53 %", the förstudie's DiMiOS measurement of 2020, figur 7).
 *   Delrapport Mellerud states only that Fyrbodal rates itself higher than the Swedish average.
 */
export const DEMO_REFERENCES = [
  {
    name: 'DiMiOS nationell nivå',
    measure: 'digital-mognad:overall',
    values: [{ year: 2020, value: 47 }],
    source: { title: 'Digital motor Fyrbodal – Delrapport Mellerud', publisher: 'Fyrbodals kommunalförbund', date: '2021-03-31', location: 'avsnitt 3.1.3' },
    note:
      'Genomsnittet i Sverige enligt statusrapporten för de årliga Dimiosmätningarna, som källan återger: ”Nivån av digital mognad i Sverige är 47%”. ' +
      'Källan anger inte statusrapportens årtal; året här är året för förstudiens Dimiosmätning (2020) som värdet jämfördes med.',
  },
  {
    name: 'Fyrbodal, genomsnittlig digital mognad (Dimios)',
    measure: 'digital-mognad:overall',
    values: [{ year: 2020, value: 53 }],
    source: { title: 'Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024', publisher: 'Fyrbodals kommunalförbund', date: '2024-05-17', location: 'avsnitt 3.2.3, figur 7' },
    note:
      'Publicerat som ”cirka 53 %”: den genomsnittliga digitala mognaden för kommunerna i Fyrbodal i förstudiens Dimiosmätning 2020 (13 kommuner), ' +
      'jämfört med det svenska genomsnittet på 47 %. Digital motor Fyrbodal – Delrapport Mellerud (2021) säger bara att kommunerna i Fyrbodal skattar sin digitala mognad högre än genomsnittet i Sverige.',
  },
] as const;
