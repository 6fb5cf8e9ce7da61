// Parts the IT-economics pages share: the page frame with its subpage menu, the formatting of shares
// and amounts, a figure with its year, source and note, the quality flags beside the figure they
// concern, and the label of synthesised (made-up demo) figures.
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { QualityFlag } from '../../../domain/economics/view.ts';
import { dash, fixed2Format, intFormat } from '../../components/format.ts';
import { Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { mayOpen } from '../../routes.tsx';
import { useSession } from '../../session.tsx';

// ---- Formatting -----------------------------------------------------------------------------------

const orDash = (f: (n: number) => string) => (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? dash : f(n));
/** An IT share with two decimals: "1,82 %". */
export const share = orDash((n) => `${fixed2Format.format(n)}\u00a0%`);
/** Whole kronor: "45 939 995 kr". */
export const kronor = orDash((n) => `${intFormat.format(Math.round(n))}\u00a0kr`);
/** A change in kronor with its sign: "+4 703 257 kr". */
export const change = orDash((n) => `${n > 0 ? '+' : ''}${intFormat.format(Math.round(n))}\u00a0kr`);
export const count = orDash((n) => intFormat.format(n));

// ---- Page frame -----------------------------------------------------------------------------------

const SUBPAGES = [
  { to: '/ekonomi', label: 'Översikt och jämförelse' },
  { to: '/ekonomi/import', label: 'Importera från Excel' },
];

function EconomicsNav() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <nav aria-label={t('It-ekonomins delar')}>
      <ul className="results-nav">
        {SUBPAGES.filter((p) => mayOpen(user?.role, p.to)).map((p) => (
          <li key={p.to}>
            <NavLink to={p.to} end style={({ isActive }) => (isActive ? { fontWeight: 700 } : undefined)}>
              {t(p.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** An IT-economics page: its title, the subpage menu and the page's introduction. */
export function EconomicsPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <Page title={title}>
      <EconomicsNav />
      {intro && <p>{intro}</p>}
      {children}
    </Page>
  );
}

// ---- Flags and labels ------------------------------------------------------------------------------

/**
 * The quality flags that concern a figure (by code, and municipality where given), shown beside it.
 * The messages are the server's Swedish (marked as such in the English interface).
 */
export function Flags({ flags, codes, municipalityCode }: { flags: readonly QualityFlag[]; codes?: readonly string[]; municipalityCode?: string }) {
  const { t, lang } = useI18n();
  const shown = flags.filter((f) => (!codes || codes.includes(f.code)) && (!municipalityCode || !f.municipalityCode || f.municipalityCode === municipalityCode));
  if (!shown.length) return null;
  return (
    <ul className="quality-flags">
      {shown.map((f, i) => (
        <li key={`${f.code}-${i}`} className={f.severity === 'error' ? 'flag-error' : 'flag-warning'}>
          <span className="visually-hidden">{f.severity === 'error' ? t('Fel i uppgifterna') : t('Att kontrollera')}: </span>
          <span lang={lang === 'sv' ? undefined : 'sv'}>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** The label of figures made up for the demo (not published). */
export function SyntheticLabel({ synthesised }: { synthesised: boolean }) {
  const { t } = useI18n();
  if (!synthesised) return null;
  return <span className="tag">{t('Syntetiska uppgifter')}</span>;
}

/** A figure in a list of facts: its value, and under it its source and note where given, and its flags. */
export function Fact({ label, value, source, note, flags }: { label: string; value: ReactNode; source?: string; note?: string; flags?: ReactNode }) {
  const { t, lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className="fact-value">{value}</span>
        {source && (
          <span className="fact-source">
            {t('Källa')}: <span lang={sv}>{source}</span>
          </span>
        )}
        {note && (
          <span className="fact-source">
            {t('Not')}: <span lang={sv}>{note}</span>
          </span>
        )}
        {flags}
      </dd>
    </>
  );
}

/** A year 2000–2100 from an address or a field, else null. */
export const validYear = (s: string | null | undefined): number | null => (s && /^\d{4}$/.test(s) && Number(s) >= 2000 && Number(s) <= 2100 ? Number(s) : null);
