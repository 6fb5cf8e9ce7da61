// A new risk (/risker/ny) in a municipality's register (a kommunansvarig: their own) or a group's register
// (the association). After saving, the risk's page opens, where it is assessed.
import { useNavigate } from 'react-router-dom';
import * as api from '../../../contracts/risks.ts';
import { listInitiatives } from '../../../contracts/initiatives.ts';
import { useMunicipalities } from '../../components/hooks.ts';
import { LinkParagraph, Loading, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { useSession } from '../../session.tsx';
import { RiskForm, type RiskFormState } from './form.tsx';

export function NewRiskPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const munis = useMunicipalities();
  const config = useEndpoint(api.getRiskConfig, undefined);
  const initiatives = useEndpoint(listInitiatives, {});
  const create = useEndpointMutation(api.createRisk);
  const admin = user?.role === 'forbundsadmin';
  const own = admin ? munis.list : munis.list.filter((m) => user?.municipalities.includes(m.code));
  const groups = admin ? (config.data?.groups ?? []) : [];
  const scopes: Array<[string, string]> = [
    ...groups.map((g): [string, string] => [`g:${g.id}`, t('Gruppen {name}', { name: g.name })]),
    ...own.map((m): [string, string] => [`m:${m.code}`, m.name]),
  ];
  const themeList = config.data?.themes ?? [];
  if (munis.loading || config.loading) return <Loading />;
  const initial: RiskFormState = {
    scope: scopes[0]?.[0] ?? '',
    title: '',
    themeId: themeList[0]?.id ?? '',
    owner: '',
    measure: '',
    status: 'identifierad',
    reviewDate: '',
    initiativeId: '',
  };
  return (
    <Page title={t('Ny risk')}>
      <LinkParagraph to="/risker">{t('Tillbaka till riskregistret')}</LinkParagraph>
      <RiskForm
        endpoint={api.createRisk}
        initial={initial}
        submitLabel={t('Lägg till risken')}
        scopes={scopes}
        themes={themeList.map((x) => [x.id, x.name])}
        initiatives={(initiatives.data?.initiatives ?? []).map((i) => [i.id, i.title])}
        onSave={async (body) => {
          const r = await create.mutateAsync({ body });
          navigate(`/risker/${r.risk.id}`);
        }}
      />
    </Page>
  );
}
