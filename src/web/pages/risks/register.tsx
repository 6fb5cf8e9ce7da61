// The risk register (/risker): filters by theme, municipality and group (URL query parameters), the risks
// grouped by theme with each one's current value per municipality, and the counts per municipality.
import { Link } from 'react-router-dom';
import * as api from '../../../contracts/risks.ts';
import { listInitiatives } from '../../../contracts/initiatives.ts';
import type { ResponseOf } from '../../../contracts/endpoint.ts';
import { SelectField } from '../../components/forms.tsx';
import { useMunicipalities } from '../../components/hooks.ts';
import { useEndpoint } from '../../query.ts';
import { AsyncView, DataTable, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { isRiskAdmin, mayEditRisks, RiskValue, SynthesisedTag, useRiskFilters } from './shared.tsx';

type RiskList = ResponseOf<typeof api.listRisks>;
type Risk = RiskList['risks'][number];

/** The columns of a theme's table: every municipality that has a current assessment or owns a risk in it. */
function columnsOf(risks: readonly Risk[]): Array<{ code: string; name: string }> {
  const seen = new Map<string, string>();
  for (const r of risks) {
    if (r.scope.kind === 'municipality') seen.set(r.scope.municipalityCode, r.scope.municipality);
    for (const a of r.current) if (a.municipalityCode && a.municipality) seen.set(a.municipalityCode, a.municipality);
  }
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** A risk's current value for a municipality; null when the risk is not in that municipality's registers. */
function currentFor(r: Risk, code: string) {
  if (r.scope.kind === 'municipality') return r.scope.municipalityCode === code ? (r.current[0] ?? { value: null, serious: false }) : null;
  return r.current.find((a) => a.municipalityCode === code) ?? { value: null, serious: false };
}

export function RisksPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const munis = useMunicipalities();
  const f = useRiskFilters();
  const config = useEndpoint(api.getRiskConfig, undefined);
  const query = { ...(f.theme ? { theme: f.theme } : {}), ...(f.municipality ? { municipality: f.municipality } : {}), ...(f.group ? { group: Number(f.group) } : {}) };
  const state = useEndpoint(api.listRisks, { query }, { keep: true });
  const groups = config.data?.groups ?? [];
  // A kommunansvarig's registers: their own municipalities and the groups they are members of.
  const ownCodes = user?.role === 'kommunansvarig' ? user.municipalities : null;
  const municipalityChoices = munis.list.filter((m) => !ownCodes || ownCodes.includes(m.code));

  return (
    <Page title={t('Risker')}>
      <p>{t('Riskregistret: risker per kommun eller grupp av kommuner under teman, med sannolikhet × konsekvens och hur bedömningen har ändrats.')}</p>
      <p className="button-row">
        {mayEditRisks(user) && (
          <Link className="button" to="/risker/ny">
            {t('Ny risk')}
          </Link>
        )}
        {isRiskAdmin(user) && (
          <Link className="button secondary" to="/risker/installningar">
            {t('Teman och gräns för allvarlig risk')}
          </Link>
        )}
      </p>
      <form className="field-row" aria-label={t('Filtrera riskerna')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('Tema')}
          value={f.theme}
          onChange={(e) => f.set('tema', e.target.value)}
          empty={t('Alla teman')}
          entries={(config.data?.themes ?? []).map((x) => [x.id, x.name])}
        />
        <SelectField
          label={t('Kommun')}
          value={f.municipality}
          onChange={(e) => f.set('kommun', e.target.value)}
          empty={t('Alla kommuner')}
          entries={municipalityChoices.map((m) => [m.code, m.name])}
        />
        <SelectField
          label={t('Grupp')}
          value={f.group}
          onChange={(e) => f.set('grupp', e.target.value)}
          empty={t('Alla grupper')}
          entries={groups.map((g) => [g.id, g.name])}
        />
      </form>
      <AsyncView state={{ ...state, loading: state.loading || munis.loading }}>{(d) => <Register d={d} />}</AsyncView>
    </Page>
  );
}

function Register({ d }: { d: RiskList }) {
  const { t } = useI18n();
  const initiatives = useEndpoint(listInitiatives, {});
  const titles = new Map((initiatives.data?.initiatives ?? []).map((i) => [i.id, i.title]));
  const f = useRiskFilters();
  const byTheme = new Map<string, { name: string; risks: Risk[] }>();
  for (const r of d.risks) {
    const g = byTheme.get(r.themeId) ?? { name: r.theme, risks: [] };
    g.risks.push(r);
    byTheme.set(r.themeId, g);
  }
  const groups = [...new Map(d.risks.flatMap((r) => (r.scope.kind === 'group' ? [[r.scope.groupId, r.scope.group] as const] : []))).entries()];
  return (
    <>
      <p aria-live="polite">{t('Visar {n} risker. Värden över {limit} är allvarliga risker.', { n: d.risks.length, limit: d.seriousAbove })}</p>
      {d.risks.some((r) => r.synthesised) && (
        <p className="hint">
          <SynthesisedTag /> {t('Risker med den här märkningen är syntetiserade för demonstrationen, inte publicerade i en källa.')}
        </p>
      )}
      {d.counts.length > 0 && (
        <DataTable
          label={t('Bedömda och allvarliga risker per kommun')}
          caption={t('Bedömda och allvarliga risker per kommun')}
          columns={[t('Kommun'), { num: t('Bedömda') }, { num: t('Allvarliga') }, { num: t('Ej bedömda') }, t('Riskmatris')]}
        >
          <tbody>
            {d.counts.map((c) => (
              <tr key={c.municipalityCode}>
                <th scope="row">{c.municipality}</th>
                <td className="num">{c.assessed}</td>
                <td className="num">{c.serious}</td>
                <td className="num">{c.notAssessed}</td>
                <td>
                  <Link to={`/risker/matris/${c.municipalityCode}`}>
                    {t('Riskmatris')}
                    <span className="visually-hidden"> {c.municipality}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {groups.length > 0 && (
        <ul>
          {groups.map(([id, name]) => (
            <li key={id}>
              <Link to={`/risker/grupp/${id}`}>{t('Värmekarta för gruppen {name}', { name })}</Link>
            </li>
          ))}
        </ul>
      )}
      {d.risks.length === 0 && <p>{f.theme || f.municipality || f.group ? t('Inga risker matchar filtret.') : t('Det finns inga risker ännu.')}</p>}
      {[...byTheme].map(([id, g]) => (
        <ThemeSection key={id} id={id} name={g.name} risks={g.risks} initiativeTitle={(n) => titles.get(n) ?? t('Initiativ {id}', { id: n })} />
      ))}
    </>
  );
}

function ThemeSection({ id, name, risks, initiativeTitle }: { id: string; name: string; risks: Risk[]; initiativeTitle: (id: number) => string }) {
  const { t } = useI18n();
  const cols = columnsOf(risks);
  return (
    <Section id={`tema-${id}`} title={name}>
      <DataTable
        label={name}
        caption={t('{theme}: {n} risker, riskvärde per kommun', { theme: name, n: risks.length })}
        columns={[t('Risk'), ...cols.map((c) => ({ num: c.name })), t('Ägare'), t('Åtgärd'), t('Status'), t('Uppföljning'), t('Initiativ')]}
      >
        <tbody>
          {risks.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/risker/${r.id}`}>{r.title}</Link> {r.synthesised && <SynthesisedTag />}
                <span className="hint"> · {r.scope.kind === 'municipality' ? r.scope.municipality : r.scope.group}</span>
              </th>
              {cols.map((c) => {
                const v = currentFor(r, c.code);
                return (
                  <td key={c.code} className="num">
                    {v ? <RiskValue value={v.value} serious={v.serious} /> : <span className="visually-hidden">{t('ingår inte')}</span>}
                  </td>
                );
              })}
              <td>{r.owner || '–'}</td>
              <td>{r.measure || '–'}</td>
              <td>{t(r.statusLabel)}</td>
              <td>{r.reviewDate ?? '–'}</td>
              <td>{r.initiativeId ? <Link to={`/initiativ/${r.initiativeId}`}>{initiativeTitle(r.initiativeId)}</Link> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
}
