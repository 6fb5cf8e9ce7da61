// The portfolio list with its filters.
import { Link, useSearchParams } from 'react-router-dom';
import * as api from '../../../contracts/initiatives.ts';
import { useEndpoint } from '../../query.ts';
import { SelectField } from '../../components/forms.tsx';
import { kr } from '../../components/format.ts';
import { useMunicipalities, useOrganisation } from '../../components/hooks.ts';
import { AsyncView, DataTable, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { STAGES } from '../../../domain/portfolio/types.ts';

import { STAGE_LABEL, StageTag, canPropose, QualificationText } from './shared.tsx';

// ---- Portfolio list -----------------------------------------------------------------------------

export function InitiativesPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const state = useEndpoint(api.listInitiatives, {});
  const org = useOrganisation();
  const munis = useMunicipalities();
  const [params, setParams] = useSearchParams();
  const stage = params.get('steg') ?? '';
  const area = params.get('omrade') ?? '';
  const setFilter = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  return (
    <Page title={t('Initiativ')}>
      <p>{t('Samverkansportföljen: gemensamma initiativ från idé till nyttohemtagning.')}</p>
      {canPropose(user) && (
        <p>
          <Link className="button" to="/initiativ/nytt">
            {t('Nytt initiativ')}
          </Link>
        </p>
      )}
      <form className="field-row" aria-label={t('Filtrera initiativen')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('Steg')}
          value={stage}
          onChange={(e) => setFilter('steg', e.target.value)}
          empty={t('Alla steg')}
          entries={STAGES.map((s) => [s, t(STAGE_LABEL[s])])}
        />
        <SelectField
          label={t('Verksamhetsområde')}
          value={area}
          onChange={(e) => setFilter('omrade', e.target.value)}
          empty={t('Alla verksamhetsområden')}
          entries={org.areas.map((a) => [a.id, a.name])}
        />
      </form>
      {/* The list waits for the names of areas and municipalities, so that it never shows their codes. */}
      <AsyncView state={{ ...state, loading: state.loading || org.loading || munis.loading }}>
        {(d) => {
          const shown = d.initiatives.filter((i) => (!stage || i.stage === stage) && (!area || i.area === area));
          return (
            <>
              <p aria-live="polite">{t('Visar {n} av {total} initiativ.', { n: shown.length, total: d.initiatives.length })}</p>
              {shown.length === 0 ? (
                <p>{d.initiatives.length ? t('Inga initiativ matchar filtret.') : t('Det finns inga initiativ ännu.')}</p>
              ) : (
                <DataTable
                  label={t('Initiativ')}
                  caption={t('Initiativ i samverkansportföljen ({n})', { n: shown.length })}
                  columns={[
                    t('Namn'),
                    t('Verksamhetsområde'),
                    t('Steg'),
                    { num: t('Deltagande kommuner') },
                    { num: t('Uppskattad kostnad') },
                    t('Kvalificeringspoäng'),
                  ]}
                >
                  <tbody>
                    {shown.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          <Link to={`/initiativ/${i.id}`}>{i.title}</Link> {i.isDemo && <span className="tag">DEMO</span>}
                          {i.proposingMunicipality && (
                            <span className="hint">
                              {' '}
                              · {t('föreslaget av {name}', { name: munis.nameOf(i.proposingMunicipality) })}
                            </span>
                          )}
                        </th>
                        <td>{i.area ? (org.areaNames.get(i.area) ?? i.area) : '–'}</td>
                        <td>
                          <StageTag stage={i.stage} />
                        </td>
                        <td className="num">{i.participating.length}</td>
                        <td className="num">{kr(i.estimatedCost)}</td>
                        <td>
                          <QualificationText q={i.qualification} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </>
          );
        }}
      </AsyncView>
    </Page>
  );
}
