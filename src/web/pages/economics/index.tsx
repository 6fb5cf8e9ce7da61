// IT-ekonomi (DOMAIN.md §8): the overview (a municipality and year to open, a group's comparison in
// charts, the benchmark per year), one municipality-year (figures, charts, entry form), a group's
// comparison (tabell 3–5 of the Förstudierapport in samverka's form) and the XLSX import. Loaded on
// first use (routes.tsx). Everything through the contracts in src/contracts/economics.ts.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { getEconomicsYear, getGroupComparison, listEconomics, listGroups, saveEconomicsYear } from '../../../contracts/economics.ts';
import { canEditEconomics } from '../../../domain/economics/policy.ts';
import { Control, Options } from '../../components/forms.tsx';
import { useMunicipalities } from '../../components/hooks.ts';
import { AsyncView, DataTable, EditButton, ErrorMessage, Loading, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { useSession } from '../../session.tsx';
import { BenchmarkSection } from './benchmark.tsx';
import { ComparisonTable, GroupCharts, GroupScenarios } from './group-view.tsx';
import { EconomicsPage, SyntheticLabel, kronor, share, validYear } from './shared.tsx';
import { EconomicsYearForm } from './year-form.tsx';
import { YearCharts, YearFigures, YearTables } from './year-view.tsx';

export { EconomicsImportPage } from './import.tsx';

// ---- Overview ----------------------------------------------------------------------------------

/** Choose a municipality (the user's own for a kommunansvarig, all for the association) and a year. */
function OpenYearForm() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const { list } = useMunicipalities();
  const choices = user?.role === 'forbundsadmin' ? list : list.filter((m) => user?.municipalities.includes(m.code));
  const [code, setCode] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [error, setError] = useState<string>();
  const chosen = code || choices[0]?.code || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const y = validYear(year.trim());
    if (!chosen) return setError(t('Välj en kommun.'));
    if (y === null) return setError(t('Året ska vara 2000–2100.'));
    setError(undefined);
    navigate(`/ekonomi/${chosen}/${y}`);
  };
  if (!choices.length) return null;
  return (
    <Section id="oppna-ar" title={t('Kommun och år')}>
      <form className="results-filters" onSubmit={submit} noValidate aria-label={t('Öppna en kommuns år')}>
        <Control id="ekonomi-kommun" label={t('Kommun')}>
          {(a) => (
            <select {...a} value={chosen} onChange={(e) => setCode(e.target.value)}>
              <Options entries={choices.map((m) => [m.code, m.name])} />
            </select>
          )}
        </Control>
        <Control id="ekonomi-ar" label={t('År')} invalid={!!error} describedBy={error ? 'ekonomi-ar-fel' : undefined}>
          {(a) => <input {...a} type="number" min={2000} max={2100} step={1} className="count-input" value={year} onChange={(e) => setYear(e.target.value)} />}
        </Control>
        <button type="submit">{t('Visa eller ange uppgifter')}</button>
      </form>
      <ErrorMessage id="ekonomi-ar-fel" message={error} />
    </Section>
  );
}

/** The municipality-years the user may see, with links. */
function YearList() {
  const { t } = useI18n();
  const { user } = useSession();
  const state = useEndpoint(listEconomics, user?.role === 'lasare' ? null : {});
  if (user?.role === 'lasare') return null;
  return (
    <Section id="ekonomi-ar" title={t('Registrerade år')}>
      <AsyncView state={state}>
        {({ years }) =>
          years.length === 0 ? (
            <p>{t('Inga uppgifter om it-ekonomi ännu.')}</p>
          ) : (
            <DataTable caption={t('It-ekonomi per kommun och år')} columns={[t('Kommun'), t('År'), { num: t('It-kostnad') }, { num: t('Andel av nettokostnaden') }, t('Uppgifter')]}>
              <tbody>
                {[...years]
                  .sort((a, b) => a.municipality.localeCompare(b.municipality, 'sv') || b.year - a.year)
                  .map((y) => (
                    <tr key={`${y.municipalityCode}-${y.year}`}>
                      <th scope="row">
                        <Link to={`/ekonomi/${y.municipalityCode}/${y.year}`}>
                          {y.municipality} {y.year}
                        </Link>
                      </th>
                      <td>{y.year}</td>
                      <td className="num">{kronor(y.itCost)}</td>
                      <td className="num">{share(y.itShare)}</td>
                      <td>{y.synthesised ? <SyntheticLabel synthesised /> : t('Publicerade')}</td>
                    </tr>
                  ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncView>
    </Section>
  );
}

/** A group and a year: the comparison's charts, with a link to the whole comparison. */
function GroupOverview() {
  const { t } = useI18n();
  const groups = useEndpoint(listGroups, undefined);
  const [groupId, setGroupId] = useState<number>();
  const [year, setYear] = useState<number>();
  const list = groups.data?.groups ?? [];
  const group = list.find((g) => g.id === groupId) ?? list[0];
  const years = [...(group?.years ?? [])].sort((a, b) => b - a);
  const y = year !== undefined && years.includes(year) ? year : years[0];
  const comparison = useEndpoint(getGroupComparison, group && y !== undefined ? { params: { id: group.id }, query: { year: y } } : null, { keep: true });
  if (groups.error) return <ErrorMessage message={groups.error} />;
  if (groups.loading) return <Loading />;
  return (
    <Section id="ekonomi-grupper" title={t('Jämförelse mellan kommuner')}>
      {!group ? (
        <p>{t('Inga grupper av kommuner att jämföra ännu.')}</p>
      ) : (
        <>
          <form className="results-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('Välj grupp och år')}>
            <Control id="ekonomi-grupp" label={t('Grupp')}>
              {(a) => (
                <select {...a} value={group.id} onChange={(e) => setGroupId(Number(e.target.value))}>
                  <Options entries={list.map((g) => [g.id, g.name])} />
                </select>
              )}
            </Control>
            <Control id="ekonomi-grupp-ar" label={t('År')}>
              {(a) => (
                <select {...a} value={y ?? ''} onChange={(e) => setYear(Number(e.target.value))}>
                  <Options entries={years.map((x) => [x, String(x)])} empty={years.length ? undefined : t('Inga år')} />
                </select>
              )}
            </Control>
          </form>
          <p>
            <Link to={`/ekonomi/grupper/${group.id}${y ? `?year=${y}` : ''}`}>{t('Hela jämförelsen för {group}: tabeller, besparingsscenario och kostnadsfördelning', { group: group.name })}</Link>
          </p>
          {y !== undefined && <AsyncView state={comparison}>{({ comparison: c }) => <GroupCharts view={c} />}</AsyncView>}
        </>
      )}
    </Section>
  );
}

export function EconomicsOverviewPage() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <EconomicsPage
      title={t('IT-ekonomi')}
      intro={t('It-kostnader per kostnadspool (TBM), inom och utanför central IT, it-kostnaden som andel av verksamhetens nettokostnad mot riktmärket, och jämförelser mellan kommuner.')}
    >
      <OpenYearForm />
      <GroupOverview />
      <YearList />
      {user?.role === 'forbundsadmin' && <BenchmarkSection />}
    </EconomicsPage>
  );
}

// ---- One municipality-year ----------------------------------------------------------------------

export function EconomicsYearPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { code = '', year: yearParam } = useParams();
  const year = validYear(yearParam) ?? 0;
  const { nameOf } = useMunicipalities();
  // Who may enter a municipality's figures sees them (policy.ts); others are not asked for them.
  const mayEdit = !!user && canEditEconomics(user, code);
  // The year as the list answers it (empty: nothing entered yet).
  const state = useEndpoint(listEconomics, mayEdit ? { query: { municipality: code, year } } : null);
  const save = useEndpointMutation(saveEconomicsYear);
  const [editing, setEditing] = useState(false);
  const view = state.data?.years.find((y) => y.municipalityCode === code && y.year === year);
  const missing = !!state.data && !view;
  // The figures as stored (every source and note), so that saving the form loses nothing.
  const stored = useEndpoint(getEconomicsYear, view ? { params: { municipality: code, year } } : null);
  const title = t('IT-ekonomi {name} {year}', { name: view?.municipality ?? nameOf(code), year });
  const form = (
    <Section id="ekonomi-formular" title={view ? t('Ändra uppgifterna') : t('Ange uppgifterna')}>
      <EconomicsYearForm
        initial={stored.data?.record ?? null}
        base={{ synthesised: view?.synthesised ?? false }}
        onSave={async (body) => {
          await save.mutateAsync({ params: { municipality: code, year }, body });
          setEditing(false);
        }}
        onCancel={view ? () => setEditing(false) : undefined}
      />
    </Section>
  );
  return (
    <EconomicsPage title={title}>
      {state.loading && <Loading />}
      <ErrorMessage message={state.error} />
      {!mayEdit && <p>{t('Du ser it-ekonomin bara för din egen kommun; andra kommuner visas avidentifierade i gruppjämförelserna.')}</p>}
      {missing && <p>{t('Inga uppgifter om it-ekonomi för året.')}</p>}
      {view && (
        <>
          {mayEdit && !editing && stored.data && <EditButton secondary onClick={() => setEditing(true)} />}
          {editing && form}
          <YearFigures view={view} />
          <YearCharts view={view} />
          <YearTables view={view} />
        </>
      )}
      {missing && mayEdit && form}
    </EconomicsPage>
  );
}

// ---- A group's comparison -------------------------------------------------------------------------

export function EconomicsGroupPage() {
  const { t } = useI18n();
  const { id: idParam } = useParams();
  const [search, setSearch] = useSearchParams();
  const id = Number(idParam);
  const year = validYear(search.get('year'));
  const groups = useEndpoint(listGroups, undefined);
  const group = groups.data?.groups.find((g) => g.id === id);
  const state = useEndpoint(getGroupComparison, Number.isInteger(id) && id > 0 ? { params: { id }, query: year ? { year } : {} } : null, { keep: true });
  const c = state.data?.comparison;
  const years = [...(group?.years ?? [])].sort((a, b) => b - a);
  return (
    <EconomicsPage title={c ? t('Jämförelse: {group} {year}', { group: c.group, year: c.year }) : t('Jämförelse för en grupp kommuner')}>
      {years.length > 1 && (
        <form className="results-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('Välj år')}>
          <Control id="grupp-ar" label={t('År')}>
            {(a) => (
              <select {...a} value={c?.year ?? year ?? ''} onChange={(e) => setSearch({ year: e.target.value })}>
                <Options entries={years.map((x) => [x, String(x)])} />
              </select>
            )}
          </Control>
        </form>
      )}
      <AsyncView state={state}>
        {({ comparison }) => (
          <>
            {group?.description && <p lang="sv">{group.description}</p>}
            {!comparison.named && <p className="hint">{t('Kommuner du inte får se visas avidentifierade som "Kommun N".')}</p>}
            <ComparisonTable view={comparison} />
            <GroupScenarios view={comparison} />
            <GroupCharts view={comparison} />
          </>
        )}
      </AsyncView>
    </EconomicsPage>
  );
}
