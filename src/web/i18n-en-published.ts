// English translations of issue 14's published texts, keyed by the Swedish UI text (merged into i18n-en.ts).
export const en = {
  'Publicerade aggregat': 'Published aggregates',
  'Datakvalitet: publicerade aggregat': 'Data quality: published aggregates',
  'Siffrorna i mätomgången är publicerade aggregat, återgivna som de publicerades. Källa: {sources}.':
    'The figures of this round are published aggregates, reproduced as published. Source: {sources}.',
  'Datakvalitetsflaggor ({n})': 'Data-quality flags ({n})',
  Figur: 'Figure',
  Flagga: 'Flag',
  Funnet: 'Found',
  'Andelarna summerar inte till 100 %': 'The shares do not sum to 100 %',
  'Summan stämmer inte med delarna': 'The total does not match its parts',
  'Frågorna redovisas på olika bas': 'The questions are reported on different bases',
  'Omnämnanden redovisade som andel av svarande': 'Mentions presented as a share of respondents',
  'Beloppen är angivna i fel enhet': 'The amounts are stated in the wrong unit',
  'Inga datakvalitetsflaggor för de publicerade aggregaten.': 'No data-quality flags for the published aggregates.',
  'Publicerat aggregat sparat': 'Published aggregate saved',
  'Publicerat aggregat borttaget': 'Published aggregate deleted',
  'Publicerade aggregat importerade': 'Published aggregates imported',
} satisfies Record<string, string>;
