// Swedish first, English second. Keys are the Swedish texts; `en` translates them. The English texts are a
// chunk of their own, loaded before the first render when English is chosen and on switching to it, so a
// Swedish reader never downloads them.
import { createContext, useContext, useState, type ReactNode } from 'react';

export type Lang = 'sv' | 'en';
interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (sv: string, vars?: Record<string, string | number>) => string;
}

const Ctx = createContext<I18n>({ lang: 'sv', setLang: () => {}, t: (s) => s });

let en: Readonly<Record<string, string>> | undefined;

/** The language chosen earlier in this browser (Swedish unless English was chosen). */
export const storedLang = (): Lang => (localStorage.getItem('samverka.lang') === 'en' ? 'en' : 'sv');

/** Loads the texts of `lang` (nothing to load for Swedish). */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === 'en' && !en) en = (await import('./i18n-en.ts')).en;
}

export function translate(lang: Lang, sv: string, vars?: Record<string, string | number>): string {
  let s = lang === 'en' ? (en?.[sv] ?? sv) : sv;
  for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // English shows only once its texts are loaded (main.tsx loads the stored language before rendering).
  const [lang, setLangState] = useState<Lang>(() => (storedLang() === 'en' && en ? 'en' : 'sv'));
  const setLang = (l: Lang) => {
    localStorage.setItem('samverka.lang', l);
    void loadLang(l).then(() => {
      document.documentElement.lang = l;
      setLangState(l);
    });
  };
  document.documentElement.lang = lang;
  return <Ctx.Provider value={{ lang, setLang, t: (sv, vars) => translate(lang, sv, vars) }}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
