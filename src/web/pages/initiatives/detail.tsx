// An initiative's page: its facts, the edit form and the sections below.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import * as api from '../../../contracts/initiatives.ts';
import { canReport as mayReport, ownsMunicipality } from '../../../domain/portfolio/initiative-policy.ts';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { hours, kr } from '../../components/format.ts';
import { useMunicipalities, useOrganisation } from '../../components/hooks.ts';
import { getPortfolioConfig } from '../../../contracts/portfolio.ts';
import { DataTable, DemoBanner, EditButton, LinkParagraph, Notice, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { initiativeRiskValue, isSerious } from '../../../domain/risk/assess.ts';
import { useSession } from '../../session.tsx';

import { SCOPE_LABEL, FORM_LABEL, FUNDING_LABEL, LINK_LABEL, type Initiative, StageTag, KeepView, isAdmin, QualificationText } from './shared.tsx';
import { formStateOf, InitiativeForm, proposingChoicesOf } from './form.tsx';
import { StageSection } from './stage.tsx';
import { ParticipationSection } from './participation.tsx';
import { ActorsSection } from './actors.tsx';
import { QualificationSection } from './qualification.tsx';
import { ReportsSection } from './reports.tsx';
import { LinkedRisksSection } from '../risks/linked.tsx';

// ---- Initiative detail ---------------------------------------------------------------------------

export function InitiativePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const state = useEndpoint(api.getInitiative, { params: { id: Number(id) } }, { keep: true });
  const log = useEndpoint(api.getInitiativeLog, { params: { id: Number(id) } });
  const update = useEndpointMutation(api.updateInitiative);
  const config = useEndpoint(getPortfolioConfig, undefined);
  const munis = useMunicipalities();
  const org = useOrganisation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const created = (location.state as { created?: boolean | string } | null)?.created;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loadedId = state.data?.initiative.id;
  // A new initiative: focus lands on its heading (the form and its submit button are gone).
  useEffect(() => {
    if (created && loadedId !== undefined) headingRef.current?.focus();
  }, [created, loadedId]);
  const reloadAll = () => {
    void state.refetch();
    void log.refetch();
  };

  return (
    <KeepView state={state}>
      {(d) => {
        const i = d.initiative;
        const admin = isAdmin(user);
        const canReport = mayReport(user ?? null, i);
        return (
          <Page title={i.title} headingRef={headingRef}>
            <LinkParagraph to="/initiativ">{t('Tillbaka till initiativen')}</LinkParagraph>
            {i.isDemo && <DemoBanner>{t('Demodata: deltagande, belopp och statusrapporter är delvis syntetiserade.')}</DemoBanner>}
            {created && !saved && (
              <Notice
                message={
                  created === 'candidate'
                    ? t('Initiativet är skapat från samverkanskandidaten i steget Idé. Komplettera uppgifterna nedan.')
                    : t('Initiativet är skapat i steget Idé.')
                }
              />
            )}
            <Notice message={saved} />
            <dl className="facts">
              <dt>{t('Steg')}</dt>
              <dd>
                <StageTag stage={i.stage} />
              </dd>
              <dt>{t('Kvalificeringspoäng')}</dt>
              <dd>
                <QualificationText q={i.qualification} />
              </dd>
              <dt>{t('Deltagande kommuner')}</dt>
              <dd>{i.participating.length}</dd>
              <dt>{t('Version')}</dt>
              <dd>{i.version}</dd>
            </dl>

            <Section id="facts-h" title={t('Uppgifter')}>
              {editing ? (
                <InitiativeForm
                  key={i.version}
                  initial={formStateOf(i)}
                  submitLabel={t('Spara ändringarna')}
                  proposingChoices={proposingChoicesOf(user, munis.list)}
                  allowNoProposing={admin}
                  onCancel={() => setEditing(false)}
                  onReload={() => {
                    setEditing(false);
                    reloadAll();
                    setSaved(t('Initiativet är omladdat. Gör om din ändring.'));
                  }}
                  onSave={async (body) => {
                    await update.mutateAsync({ params: { id: i.id }, body: { ...body, version: i.version } });
                    setEditing(false);
                    setSaved(t('Ändringarna är sparade.'));
                  }}
                />
              ) : (
                <>
                  {i.canEdit && (
                    <EditButton
                      onClick={() => {
                        setSaved(undefined);
                        setEditing(true);
                      }}
                    />
                  )}
                  {!i.canEdit && ownsMunicipality(user ?? null, i.proposingMunicipality) && (
                    <p className="notice-info">{t('Förslaget kan bara ändras av kommunen medan det är i steget Idé; därefter ändrar förbundet.')}</p>
                  )}
                  <InitiativeFacts i={i} nameOf={munis.nameOf} areaNames={org.areaNames} />
                </>
              )}
            </Section>

            <StageSection d={d} log={log.data?.log} logError={log.error} />
            <ParticipationSection i={i} municipalities={munis.list} nameOf={munis.nameOf} />
            <ActorsSection i={i} actors={org.actors} />
            <QualificationSection i={i} criteria={config.data?.criteria} />
            <ReportsSection i={i} reports={d.reports} followUp={d.followUp} canReport={canReport} />
            <LinkedRisksSection initiativeId={i.id} />
          </Page>
        );
      }}
    </KeepView>
  );
}

/** The items as a list, or '–' when there are none. */
function ListOrDash<T>({ items, children }: { items: T[]; children: (item: T) => ReactNode }) {
  if (!items.length) return <>–</>;
  return (
    <ul>
      {items.map((x, n) => (
        <li key={n}>{children(x)}</li>
      ))}
    </ul>
  );
}

function InitiativeFacts({ i, nameOf, areaNames }: { i: Initiative; nameOf: (c: string | null) => string; areaNames: Map<string, string> }) {
  const { t } = useI18n();
  const ev = i.evidence;
  const para = (s: string) => (s.trim() ? s : '–');
  return (
    <>
      <dl className="facts">
        <dt>{t('Beskrivning')}</dt>
        <dd>{para(i.description)}</dd>
        <dt>{t('Behov eller problem')}</dt>
        <dd>{para(i.need)}</dd>
        <dt>{t('Verksamhetsområde')}</dt>
        <dd>{i.area ? (areaNames.get(i.area) ?? i.area) : '–'}</dd>
        <dt>{t('Omfattning')}</dt>
        <dd>{t(SCOPE_LABEL[i.scope] ?? i.scope)}</dd>
        <dt>{t('Ursprung')}</dt>
        <dd>{para(i.origin)}</dd>
        <dt>{t('Föreslagande kommun')}</dt>
        <dd>{i.proposingMunicipality ? nameOf(i.proposingMunicipality) : t('Ingen (förbundet)')}</dd>
        <dt>{t('Samverkansform')}</dt>
        <dd>{i.collaborationForm ? t(FORM_LABEL[i.collaborationForm] ?? i.collaborationForm) : '–'}</dd>
        <dt>{t('Planerad period')}</dt>
        <dd>{i.startYear || i.endYear ? `${i.startYear ?? '…'}–${i.endYear ?? '…'}` : '–'}</dd>
        <dt>{t('Kopplade förmågor och utmaningar')}</dt>
        <dd>
          <ListOrDash items={i.links}>
            {(l) => (
              <>
                {t(LINK_LABEL[l.kind] ?? l.kind)}: {l.label}
              </>
            )}
          </ListOrDash>
        </dd>
        <dt>{t('Kvalitativ nytta')}</dt>
        <dd>{para(i.benefits.qualitative)}</dd>
        <dt>{t('Ekonomisk nytta')}</dt>
        <dd>{para(i.benefits.economic)}</dd>
        <dt>{t('Operationell nytta')}</dt>
        <dd>{para(i.benefits.operational)}</dd>
        <dt>{t('Nyttokalkyl')}</dt>
        <dd>
          {t('{hours} frigjord tid per år, {sek} per år', { hours: hours(i.benefits.hoursPerYear), sek: kr(i.benefits.sekPerYear) })}
        </dd>
        <dt>{t('Uppskattad kostnad')}</dt>
        <dd>{kr(i.estimatedCost)}</dd>
        <dt>{t('Dokument och länkar')}</dt>
        <dd>
          <ListOrDash items={i.documents}>
            {(d) => (
              <a href={d.url} rel="noopener noreferrer" target="_blank">
                {d.title}
                <span className="visually-hidden"> ({t('öppnas i ny flik')})</span>
              </a>
            )}
          </ListOrDash>
        </dd>
      </dl>
      {i.fundingSources.length > 0 && (
        <DataTable
          label={t('Finansieringskällor')}
          caption={t('Finansieringskällor ({n})', { n: i.fundingSources.length })}
          columns={[t('Källa'), { num: t('Belopp') }, t('Anteckning')]}
        >
          <tbody>
            {i.fundingSources.map((f, n) => (
              <tr key={n}>
                <th scope="row">{t(FUNDING_LABEL[f.source] ?? f.source)}</th>
                <td className="num">{kr(f.amount)}</td>
                <td>{f.note || '–'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {i.risks.length > 0 && (
        <DataTable
          label={t('Risker')}
          caption={t('Risker ({n})', { n: i.risks.length })}
          columns={[t('Risk'), { num: t('Sannolikhet (1–4)') }, { num: t('Konsekvens (1–4)') }, { num: t('Riskvärde') }]}
        >
          <tbody>
            {i.risks.map((r, n) => (
              <tr key={n}>
                <th scope="row">{r.description}</th>
                <td className="num">{r.probability ?? '–'}</td>
                <td className="num">{r.consequence ?? '–'}</td>
                <td className="num"><RiskValue r={r} /></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {ev && ev.source === 'samverkanskandidat' && <EvidenceView ev={ev} nameOf={nameOf} />}
    </>
  );
}

/** An initiative risk's value by the risk register's rule (probability × consequence; serious above 7), "–" until both are given. */
function RiskValue({ r }: { r: { probability: number | null; consequence: number | null } }) {
  const { t } = useI18n();
  const v = initiativeRiskValue(r);
  if (v === null) return <>–</>;
  return <>{isSerious(v) ? t('{v} (allvarlig)', { v }) : v}</>;
}

/** The samverkanskandidat the initiative was created from (names only for the association: the server redacts). */
function EvidenceView({ ev, nameOf }: { ev: Record<string, unknown>; nameOf: (c: string | null) => string }) {
  const { t } = useI18n();
  const analysis = (ev.analysis ?? {}) as { roundId?: number; roundTitle?: string; weak?: { count?: number; n?: number } };
  const codes = Array.isArray(ev.municipalities) ? (ev.municipalities as string[]) : null;
  const ownCodes = Array.isArray(ev.ownMunicipalities) ? (ev.ownMunicipalities as string[]) : [];
  return (
    <section aria-labelledby="ev-h">
      <h3 id="ev-h">{t('Underlag: samverkanskandidat i analysen')}</h3>
      <dl className="facts">
        <dt>{t('Förmåga')}</dt>
        <dd>{String(ev.capabilityLabel ?? '–')}</dd>
        {analysis.roundTitle && (
          <>
            <dt>{t('Mätomgång')}</dt>
            <dd>{analysis.roundId ? <Link to={`/resultat/${analysis.roundId}`}>{analysis.roundTitle}</Link> : analysis.roundTitle}</dd>
          </>
        )}
        {analysis.weak?.count !== undefined && analysis.weak?.count !== null && (
          <>
            <dt>{t('Svag i')}</dt>
            <dd>{t('{count} av {n} kommuner med värde', { count: analysis.weak.count, n: analysis.weak.n ?? '–' })}</dd>
          </>
        )}
        {codes ? (
          <>
            <dt>{t('Svaga kommuner (föreslagna deltagare)')}</dt>
            <dd>{codes.map((c) => nameOf(c)).join(', ') || '–'}</dd>
          </>
        ) : (
          <>
            <dt>{t('Svaga kommuner i underlaget')}</dt>
            <dd>
              {String(ev.weakMunicipalities ?? '–')}
              {ownCodes.length > 0 && ` (${t('varav dina: {names}', { names: ownCodes.map((c) => nameOf(c)).join(', ') })})`}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
