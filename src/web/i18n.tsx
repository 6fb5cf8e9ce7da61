// Swedish first, English second. Keys are the Swedish texts; `en` translates them.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { en } from './i18n-en.ts';

export type Lang = 'sv' | 'en';
interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (sv: string, vars?: Record<string, string | number>) => string;
}

const Ctx = createContext<I18n>({ lang: 'sv', setLang: () => {}, t: (s) => s });

export function translate(lang: Lang, sv: string, vars?: Record<string, string | number>): string {
  let s = lang === 'en' ? (en[sv] ?? sv) : sv;
  for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('samverka.lang') === 'en' ? 'en' : 'sv'));
  const setLang = (l: Lang) => {
    localStorage.setItem('samverka.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  document.documentElement.lang = lang;
  return <Ctx.Provider value={{ lang, setLang, t: (sv, vars) => translate(lang, sv, vars) }}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
