// Administration → Logg: the event log as people read it.
import { listAudit } from '../../../contracts/audit.ts';
import { AsyncView, DataTable, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
export function AuditPage() {
  const { t } = useI18n();
  const state = useEndpoint(listAudit, undefined);
  return (
    <Page title={t('Händelselogg')}>
      <AsyncView state={state}>
        {(d) => (
          <DataTable caption={t('Händelser, senaste först')} columns={[t('Tid'), t('Händelse'), t('Vem'), t('Gäller'), t('Uppgifter')]}>
            <tbody>
              {d.entries.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.at).toLocaleString('sv-SE')}</td>
                  <td>{t(e.actionLabel)}</td>
                  <td>{e.actorName ?? e.actorEmail ?? t('Systemet')}</td>
                  <td>{e.targetLabel}</td>
                  <td>{e.detail || '–'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </AsyncView>
    </Page>
  );
}
