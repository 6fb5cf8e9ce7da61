// Administration → Logg: the event log as people read it, filtered by person, event, municipality and
// period, a page at a time, and exported with the same filters (CSV, Excel) for an IT auditor.
import { useState, type FormEvent } from 'react';
import { listUsers } from '../../../contracts/accounts.ts';
import { exportAudit, listAudit } from '../../../contracts/audit.ts';
import type { QueryIn } from '../../../contracts/endpoint.ts';
import { AUDIT_ACTION_LABELS, AUDIT_CATEGORIES, auditActionsOf, type AuditCategory } from '../../../domain/audit.ts';
import { endpointUrl } from '../../api.ts';
import { Field, SelectField } from '../../components/forms.tsx';
import { useMunicipalities } from '../../components/hooks.ts';
import { AsyncView, DataTable, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';

const PAGE_SIZE = 50;
type Filter = Omit<QueryIn<typeof listAudit>, 'limit' | 'offset'>;

/** The event select's value: `kategori:<id>` for a whole category, `kod:<action>` for one event. */
function eventFilter(value: string): Pick<Filter, 'category' | 'action'> {
  if (value.startsWith('kategori:')) return { category: value.slice(9) as AuditCategory };
  if (value.startsWith('kod:')) return { action: value.slice(4) };
  return {};
}

export function AuditPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  const [offset, setOffset] = useState(0);
  const state = useEndpoint(listAudit, { query: { ...filter, limit: PAGE_SIZE, offset } }, { keep: true });
  const users = useEndpoint(listUsers, undefined);
  const { list: municipalities } = useMunicipalities();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (name: string) => String(f.get(name) ?? '') || undefined;
    const person = text('person');
    setFilter({ person: person ? Number(person) : undefined, ...eventFilter(String(f.get('event') ?? '')), municipality: text('municipality'), from: text('from'), to: text('to') });
    setOffset(0);
  };
  const fileUrl = (format: 'csv' | 'xlsx') => endpointUrl(exportAudit, { query: { ...filter, format } });

  const categories = Object.entries(AUDIT_CATEGORIES) as Array<[AuditCategory, string]>;
  return (
    <Page title={t('Händelselogg')}>
      <form onSubmit={submit} className="inline-form" aria-label={t('Filtrera händelseloggen')}>
        <SelectField
          label={t('Vem')}
          name="person"
          empty={t('Alla')}
          entries={(users.data?.users ?? []).map((u) => [u.id, `${u.name} (${u.email})`] as const)}
        />
        <div className="field">
          <label htmlFor="audit-event">{t('Händelse')}</label>
          <select id="audit-event" name="event" defaultValue="">
            <option value="">{t('Alla')}</option>
            {categories.map(([id, label]) => (
              <optgroup key={id} label={t(label)}>
                <option value={`kategori:${id}`}>
                  {t(label)}: {t('alla')}
                </option>
                {auditActionsOf(id).map((a) => (
                  <option key={a} value={`kod:${a}`}>
                    {t(AUDIT_ACTION_LABELS[a])}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <SelectField label={t('Kommun')} name="municipality" empty={t('Alla')} entries={municipalities.map((m) => [m.code, m.name] as const)} />
        <Field label={t('Från och med')} name="from" type="date" />
        <Field label={t('Till och med')} name="to" type="date" />
        <div className="button-row">
          <button type="submit">{t('Visa')}</button>
        </div>
      </form>
      <AsyncView state={state}>
        {(d) => (
          <>
            <p>
              {t('Händelser äldre än {n} dagar raderas automatiskt.', { n: d.retentionDays })}{' '}
              {d.total > 0 && (
                <>
                  <a className="button secondary" href={fileUrl('csv')} download>
                    {t('Exportera som CSV')}
                  </a>{' '}
                  <a className="button secondary" href={fileUrl('xlsx')} download>
                    {t('Exportera som Excel')}
                  </a>
                </>
              )}
            </p>
            <p role="status">
              {d.total === 0
                ? t('Inga händelser matchar filtret.')
                : t('Visar {first}–{last} av {total} händelser', { first: d.offset + 1, last: d.offset + d.entries.length, total: d.total })}
            </p>
            {d.entries.length > 0 && (
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
            <div className="button-row">
              {d.offset > 0 && (
                <button type="button" className="secondary" onClick={() => setOffset(Math.max(0, d.offset - PAGE_SIZE))}>
                  {t('Nyare händelser')}
                </button>
              )}
              {d.offset + d.entries.length < d.total && (
                <button type="button" className="secondary" onClick={() => setOffset(d.offset + PAGE_SIZE)}>
                  {t('Äldre händelser')}
                </button>
              )}
            </div>
          </>
        )}
      </AsyncView>
    </Page>
  );
}
