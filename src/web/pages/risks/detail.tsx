// One risk (/risker/:id): its fields and their edit form, the current assessment per municipality, the
// assessment form (probability × consequence, only the value, or "Ej bedömd") and the history of
// assessments, oldest first, with the change from the municipality's previous assessment.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import * as api from '../../../contracts/risks.ts';
import { listInitiatives } from '../../../contracts/initiatives.ts';
import type { ResponseOf } from '../../../contracts/endpoint.ts';
import { useMunicipalities } from '../../components/hooks.ts';
import { DataTable, DemoBanner, EditButton, LinkParagraph, Notice, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { useSession, type User } from '../../session.tsx';
import { KeepView } from '../initiatives/shared.tsx';
import { AssessmentForm, RiskForm, type RiskFormState } from './form.tsx';
import { RiskValue, SynthesisedTag, useAssessmentText, whereOf } from './shared.tsx';

type Risk = ResponseOf<typeof api.listRisks>['risks'][number];

/** Who may change the risk and for which municipalities they may assess it (the server decides; this only hides). */
function rightsOf(user: User | undefined, r: Risk, groupMembers: string[]) {
  const admin = user?.role === 'forbundsadmin';
  const own = user?.role === 'kommunansvarig' ? user.municipalities : [];
  if (r.scope.kind === 'municipality') {
    const ok = admin || own.includes(r.scope.municipalityCode);
    return { edit: ok, assessFor: ok ? [] : null };
  }
  return { edit: admin, assessFor: admin ? groupMembers : groupMembers.filter((c) => own.includes(c)) };
}

export function RiskPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const riskId = Number(id);
  const state = useEndpoint(api.getRisk, Number.isInteger(riskId) && riskId > 0 ? { params: { id: riskId } } : null, { keep: true });
  return (
    <KeepView state={{ ...state, data: state.data?.risk, error: state.error ?? (!(riskId > 0) ? t('Risken finns inte, eller du har inte tillgång till den.') : undefined) }}>
      {(r) => (
        <Page title={r.title} titleLang="sv">
          <RiskDetail r={r} />
        </Page>
      )}
    </KeepView>
  );
}

function RiskDetail({ r }: { r: Risk }) {
  const { t } = useI18n();
  const { user } = useSession();
  const munis = useMunicipalities();
  const config = useEndpoint(api.getRiskConfig, undefined);
  const initiatives = useEndpoint(listInitiatives, {});
  const update = useEndpointMutation(api.updateRisk);
  const assess = useEndpointMutation(api.assessRisk);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const text = useAssessmentText();
  const register = r.scope.kind === 'municipality' ? r.scope.municipality : r.scope.group;
  const groupId = r.scope.kind === 'group' ? r.scope.groupId : null;
  const members = config.data?.groups.find((g) => g.id === groupId)?.members ?? [];
  const rights = rightsOf(user, r, members);
  const initiativeTitle = (n: number) => initiatives.data?.initiatives.find((i) => i.id === n)?.title ?? t('Initiativ {id}', { id: n });
  const initial: RiskFormState = {
    title: r.title,
    themeId: r.themeId,
    owner: r.owner,
    measure: r.measure,
    status: r.status,
    reviewDate: r.reviewDate ?? '',
    initiativeId: r.initiativeId ? String(r.initiativeId) : '',
    scope: '',
  };
  const previous = new Map<string, number | null>();
  const history = r.history.map((a) => {
    const key = a.municipalityCode ?? '';
    const before = previous.has(key) ? previous.get(key)! : undefined;
    previous.set(key, a.value);
    return { a, change: before === undefined || before === null || a.value === null ? null : a.value - before };
  });
  return (
    <>
      <LinkParagraph to="/risker">{t('Tillbaka till riskregistret')}</LinkParagraph>
      {r.synthesised && (
        <DemoBanner>
          <SynthesisedTag /> {t('Risken är syntetiserad för demonstrationen, inte publicerad i en källa.')}
        </DemoBanner>
      )}
      <Notice message={saved} />
      <Section id="facts-h" title={t('Uppgifter')}>
        {editing ? (
          <RiskForm
            endpoint={api.updateRisk}
            initial={initial}
            submitLabel={t('Spara ändringarna')}
            themes={(config.data?.themes ?? []).map((x) => [x.id, x.name])}
            initiatives={(initiatives.data?.initiatives ?? []).map((i) => [i.id, i.title])}
            onCancel={() => setEditing(false)}
            onSave={async (body) => {
              await update.mutateAsync({ params: { id: r.id }, body });
              setEditing(false);
              setSaved(t('Ändringarna är sparade.'));
            }}
          />
        ) : (
          <>
            {rights.edit && (
              <EditButton
                onClick={() => {
                  setSaved(undefined);
                  setEditing(true);
                }}
              />
            )}
            <dl className="facts">
              <dt>{t('Register')}</dt>
              <dd>
                {r.scope.kind === 'group' ? <Link to={`/risker/grupp/${r.scope.groupId}`}>{register}</Link> : register}
              </dd>
              <dt>{t('Tema')}</dt>
              <dd>{r.theme}</dd>
              <dt>{t('Ägare')}</dt>
              <dd>{r.owner || '–'}</dd>
              <dt>{t('Åtgärd')}</dt>
              <dd>{r.measure || '–'}</dd>
              <dt>{t('Status')}</dt>
              <dd>{t(r.statusLabel)}</dd>
              <dt>{t('Följs upp senast')}</dt>
              <dd>{r.reviewDate ?? '–'}</dd>
              <dt>{t('Kopplat initiativ')}</dt>
              <dd>{r.initiativeId ? <Link to={`/initiativ/${r.initiativeId}`}>{initiativeTitle(r.initiativeId)}</Link> : '–'}</dd>
              <dt>{t('Källa')}</dt>
              <dd>{r.source || '–'}</dd>
              {r.note && (
                <>
                  <dt>{t('Anteckning')}</dt>
                  <dd>{r.note}</dd>
                </>
              )}
            </dl>
          </>
        )}
      </Section>

      <Section id="current-h" title={t('Aktuell bedömning')}>
        {r.current.length === 0 ? (
          <p>{t('Ej bedömd')}</p>
        ) : (
          <DataTable
            label={t('Aktuell bedömning')}
            caption={t('Senaste bedömning per kommun')}
            columns={[t('Kommun'), { num: t('Riskvärde') }, t('Bedömning'), t('Datum')]}
          >
            <tbody>
              {r.current.map((a, n) => (
                <tr key={n}>
                  <th scope="row">{whereOf(a, register)}</th>
                  <td className="num">
                    <RiskValue value={a.value} serious={a.serious} />
                  </td>
                  <td>{text(a.assessment)}</td>
                  <td>{a.assessedOn}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>

      {rights.assessFor && (r.scope.kind === 'municipality' || rights.assessFor.length > 0) && (
        <Section id="assess-h" title={t('Ny bedömning')}>
          <AssessmentForm
            endpoint={api.assessRisk}
            municipalities={rights.assessFor.map((c) => [c, munis.nameOf(c)])}
            onSave={async (body) => {
              await assess.mutateAsync({ params: { id: r.id }, body });
              return t('Bedömningen är sparad.');
            }}
          />
        </Section>
      )}

      <Section id="history-h" title={t('Historik')}>
        {history.length === 0 ? (
          <p>{t('Inga bedömningar ännu.')}</p>
        ) : (
          <DataTable
            label={t('Historik')}
            caption={t('Alla bedömningar, äldst först ({n})', { n: history.length })}
            columns={[t('Datum'), t('Kommun'), { num: t('Riskvärde') }, { num: t('Förändring') }, t('Bedömning'), t('Källa'), t('Anteckning')]}
          >
            <tbody>
              {history.map(({ a, change }, n) => (
                <tr key={n}>
                  <th scope="row">{a.assessedOn}</th>
                  <td>{whereOf(a, register)}</td>
                  <td className="num">
                    <RiskValue value={a.value} serious={a.serious} />
                  </td>
                  <td className="num">{change === null ? '–' : change > 0 ? `+${change}` : String(change)}</td>
                  <td>{text(a.assessment)}</td>
                  <td>{a.source || '–'}</td>
                  <td>{a.note || '–'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
    </>
  );
}
