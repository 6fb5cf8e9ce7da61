// English translations of issue 14's measure-scope texts, keyed by the Swedish UI text (merged into i18n-en.ts).
export const en = {
} satisfies Record<string, string>;
