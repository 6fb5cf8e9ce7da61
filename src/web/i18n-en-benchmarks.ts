// English translations of issue 14's benchmarks texts, keyed by the Swedish UI text (merged into i18n-en.ts).
export const en = {
  'Jämförelser': 'Benchmarks',
  'Referensserie tillagd': 'Reference series added',
  'Referensserie ändrad': 'Reference series changed',
  'Referensserie borttagen': 'Reference series deleted',
  'förbunden': 'the associations',
  'i jämförelse': 'compared',
  'Jämförelsetabell': 'Comparison table',
  'procent av skalans maximum': 'percent of the scale maximum',
  'Mått': 'Measure',
  'Referensvärden': 'Reference values',
  'Inga referensvärden för instrumentet.': 'No reference values for the instrument.',
  'Källa': 'Source',
  'Mätomgångar som ingår': 'Rounds included',
  'Förbunden jämförda, anonymiserat: ett värde per förbund, inga kommuner.': 'The associations compared, anonymised: one value per association, no municipalities.',
  'Din kommun jämförd med förbundet, regionen och alla kommuner, anonymiserat.': 'Your municipality compared with its association, the region and all municipalities, anonymised.',
  'Kommun': 'Municipality',
} satisfies Record<string, string>;
