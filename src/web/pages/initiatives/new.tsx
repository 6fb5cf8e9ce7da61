// A new initiative, also from a samverkanskandidat in the analysis.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import * as api from '../../../contracts/initiatives.ts';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { Field, SelectField } from '../../components/forms.tsx';
import { oneFormat } from '../../components/format.ts';
import { useAction, useMunicipalities, useOrganisation } from '../../components/hooks.ts';
import { getCandidate } from '../../../contracts/analysis.ts';
import { ErrorMessage, LinkParagraph, Loading, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

import { canPropose, isAdmin } from './shared.tsx';
import { formStateOf, InitiativeForm, proposingChoicesOf } from './form.tsx';

// ---- New initiative ----------------------------------------------------------------------------

export function NewInitiativePage() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const munis = useMunicipalities();
  const create = useEndpointMutation(api.createInitiative);
  const [params] = useSearchParams();
  const round = params.get('round');
  const item = params.get('item');
  const fromCandidate = !!(round && item);

  if (!canPropose(user))
    return (
      <Page title={t('Nytt initiativ')}>
        <p>{t('Initiativ föreslås av kommunansvariga och förbundet. Du kan läsa portföljen.')}</p>
        <LinkParagraph to="/initiativ">{t('Tillbaka till initiativen')}</LinkParagraph>
      </Page>
    );

  const choices = proposingChoicesOf(user, munis.list);
  return (
    <Page title={fromCandidate ? t('Nytt initiativ från en samverkanskandidat') : t('Nytt initiativ')}>
      <LinkParagraph to="/initiativ">{t('Tillbaka till initiativen')}</LinkParagraph>
      {fromCandidate ? (
        <CandidateProposal roundId={round} itemId={item} filters={filtersOf(params)} />
      ) : munis.loading ? (
        <Loading />
      ) : (
        <>
          <p>{t('Ett nytt initiativ börjar i steget Idé. Förbundet kvalificerar, prioriterar och flyttar det vidare.')}</p>
          <InitiativeForm
            initial={formStateOf(undefined, isAdmin(user) ? '' : (choices[0]?.code ?? ''))}
            submitLabel={t('Skapa initiativet')}
            proposingChoices={choices}
            allowNoProposing={isAdmin(user)}
            onSave={async (body) => {
              const r = await create.mutateAsync({ body });
              navigate(`/initiativ/${r.initiative.id}`, { state: { created: true } });
            }}
          />
        </>
      )}
    </Page>
  );
}

/** The analysis filters (respondent type, area) the candidate was found with. */
function filtersOf(params: URLSearchParams): Filters {
  const f: Filters = {};
  for (const k of ['respondentType', 'area'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

type Filters = { respondentType?: string; area?: string };

function CandidateProposal({ roundId, itemId, filters }: { roundId: string; itemId: string; filters: Filters }) {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const munis = useMunicipalities();
  const org = useOrganisation();
  const state = useEndpoint(getCandidate, { params: { id: roundId, itemId }, query: filters });
  const c = state.data?.candidate;
  const [title, setTitle] = useState('');
  const [area, setArea] = useState('');
  const [proposing, setProposing] = useState('');
  const action = useAction();
  const propose = useEndpointMutation(api.createFromCandidate);
  useEffect(() => {
    if (c) setTitle(`Samverkan kring ${c.label}`.slice(0, 200));
  }, [c]);
  useEffect(() => {
    if (c && !isAdmin(user) && !proposing && c.municipalities.length) setProposing(c.municipalities[0]);
  }, [c, user, proposing]);

  if (state.error)
    return (
      <>
        <ErrorMessage message={state.error} />
        <LinkParagraph to="/initiativ/nytt">{t('Föreslå ett initiativ utan underlag från analysen')}</LinkParagraph>
      </>
    );
  if (!state.data || !c || munis.loading) return <Loading />;
  const round = state.data.round;
  const admin = isAdmin(user);
  const own = c.municipalities;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const r = await propose.mutateAsync({ body: {
        roundId: round.id,
        itemId: c.itemId,
        filters,
        title: title.trim() || undefined,
        area: area || null,
        proposingMunicipality: proposing || null,
      } });
      navigate(`/initiativ/${r.initiative.id}`, { state: { created: 'candidate' } });
    });
  };
  return (
    <>
      <Section id="cand-h" title={t('Underlag från analysen')}>
        <dl className="facts">
          <dt>{t('Mätomgång')}</dt>
          <dd>
            <Link to={`/resultat/${round.id}`}>{round.title}</Link> ({round.instrumentTitle})
          </dd>
          <dt>{t('Förmåga')}</dt>
          <dd>{c.label}</dd>
          <dt>{t('Svag i')}</dt>
          <dd>
            {t('{count} av {n} kommuner med värde', { count: c.weak.count, n: c.weak.n })}
            {typeof c.weak.percent === 'number' && ` (${oneFormat.format(c.weak.percent)} %)`}
          </dd>
          <dt>{t('Tröskel (skalvärde)')}</dt>
          <dd>{c.threshold}</dd>
          <dt>{admin ? t('Svaga kommuner') : t('Dina kommuner där förmågan är svag')}</dt>
          <dd>
            {own.length ? (
              <ul>
                {own.map((code) => (
                  <li key={code}>{munis.nameOf(code)}</li>
                ))}
              </ul>
            ) : admin ? (
              t('Inga')
            ) : (
              t('Ingen – förmågan är inte svag i din kommun enligt analysen.')
            )}
          </dd>
        </dl>
        <p className="hint">
          {admin
            ? t('De svaga kommunerna sparas i underlaget som föreslagna deltagare; de anmäler själva intresse eller deltagande.')
            : t('Din kommun anmäls som intresserad. Övriga kommuners namn visas inte för dig.')}
        </p>
      </Section>
      {own.length === 0 ? (
        <LinkParagraph to="/initiativ/nytt">{t('Föreslå ett initiativ utan underlag från analysen')}</LinkParagraph>
      ) : (
        <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Föreslå som initiativ')}>
          <ErrorMessage message={action.message} />
          <Field label={t('Namn på initiativet (obligatoriskt)')} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
          <SelectField
            label={t('Verksamhetsområde')}
            value={area}
            onChange={(e) => setArea(e.target.value)}
            empty={t('Inte angivet')}
            entries={org.areas.map((a) => [a.id, a.name])}
          />
          <SelectField
            label={t('Föreslagande kommun')}
            value={proposing}
            onChange={(e) => setProposing(e.target.value)}
            empty={admin ? t('Ingen (förbundet)') : undefined}
            entries={(admin ? munis.list : munis.list.filter((m) => own.includes(m.code))).map((m) => [m.code, m.name])}
          />
          <p className="hint">{t('Behov och koppling till förmågan fylls i från analysen. Övriga uppgifter kompletterar du på initiativets sida.')}</p>
          <button type="submit" disabled={action.busy}>
            {t('Skapa initiativet')}
          </button>
        </form>
      )}
    </>
  );
}
