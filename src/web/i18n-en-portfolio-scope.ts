// English translations of issue 14's portfolio-scope texts, keyed by the Swedish UI text (merged into i18n-en.ts).
export const en = {
  Förbund: 'Association',
  'Regionen (inget förbund)': 'The region (no association)',
} satisfies Record<string, string>;
