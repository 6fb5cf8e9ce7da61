// Shared by the risk register's pages: how a risk value reads (serious in words, "–" as not assessed,
// never 0), the synthesised-data label, an assessment as a sentence, the URL filters and a client-side CSV.
import { useSearchParams } from 'react-router-dom';
import type { AssessmentValue } from '../../../domain/risk/schema.ts';
import type { AssessmentView } from '../../../domain/risk/view.ts';
import { useI18n } from '../../i18n.tsx';
import type { User } from '../../session.tsx';

export const mayEditRisks = (u?: User) => u?.role === 'forbundsadmin' || u?.role === 'kommunansvarig';
export const isRiskAdmin = (u?: User) => u?.role === 'forbundsadmin';

/** A risk value: the number, "allvarlig" in words when serious, "–" with "ej bedömd" when not assessed. */
export function RiskValue({ value, serious }: { value: number | null; serious: boolean }) {
  const { t } = useI18n();
  if (value === null)
    return (
      <span className="risk-none">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('Ej bedömd')}</span>
      </span>
    );
  return (
    <span className={serious ? 'risk-value serious' : 'risk-value'}>
      {value}
      {serious && <span className="risk-flag"> {t('allvarlig')}</span>}
    </span>
  );
}

/** The label on everything synthesised (not published in a source). */
export function SynthesisedTag() {
  const { t } = useI18n();
  return <span className="tag">{t('Syntetiska uppgifter')}</span>;
}

/** An assessment in words: "Sannolikhet 3 × konsekvens 4 = 12", "Riskvärde 12 (bara värdet publicerat)" or "Ej bedömd". */
export function useAssessmentText() {
  const { t } = useI18n();
  return (a: AssessmentValue) =>
    a.state === 'assessed'
      ? t('Sannolikhet {p} × konsekvens {c} = {v}', { p: a.probability, c: a.consequence, v: a.probability * a.consequence })
      : a.state === 'valueOnly'
        ? t('Riskvärde {v} (bara värdet publicerat)', { v: a.value })
        : t('Ej bedömd');
}

/** An assessment's municipality as the API names it ("Kommun N" when anonymised), or the register's own. */
export const whereOf = (a: AssessmentView, own: string) => a.municipality ?? own;

/** The register's filters as URL query parameters (tema, kommun, grupp): shareable and kept on reload. */
export function useRiskFilters() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const set = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  return { theme: get('tema'), municipality: get('kommun'), group: get('grupp'), set };
}

/** Rows as CSV (semicolon-separated, as Swedish Excel opens it) in a data: URL for a download link. */
export function csvHref(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`)}`;
}
