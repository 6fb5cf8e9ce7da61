// The sub-regional networks (counted by the indicator of active networks): the list, and for
// förbundsadmin marking one active or inactive and adding one.
import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { createNetwork, listNetworks, updateNetwork } from '../../../contracts/portfolio.ts';
import { networkFields, networkYearsInOrder, type network } from '../../../domain/portfolio/portfolio-schema.ts';
import { Control, FormButtons } from '../../components/forms.tsx';
import { dash } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { onFields, typedNumber, useCanConfigure, yearSpan } from './shared.tsx';

type Network = z.infer<typeof network>;

export function NetworksSection() {
  const { t } = useI18n();
  const canConfigure = useCanConfigure();
  const state = useEndpoint(listNetworks, undefined, { keep: true });
  const action = useAction();
  const update = useEndpointMutation(updateNetwork);
  const toggle = (n: Network) =>
    action.run(async () => {
      await update.mutateAsync({ params: { id: n.id }, body: { active: !n.active } });
      return n.active ? t('{name} är markerat som inaktivt.', { name: n.name }) : t('{name} är markerat som aktivt.', { name: n.name });
    });
  return (
    <Section id="networks-heading" title={t('Delregionala nätverk')}>
      <p>{t('Aktiva nätverk vars period omfattar året räknas i indikatorn för aktiva nätverk.')}</p>
      <ActionMessages action={action} />
      <AsyncView state={state}>
        {(d) =>
          d.networks.length === 0 ? (
            <p>{t('Inga nätverk är registrerade.')}</p>
          ) : (
            <DataTable
              label={t('Delregionala nätverk')}
              caption={t('Delregionala nätverk ({n})', { n: d.networks.length })}
              columns={[t('Nätverk'), t('Beskrivning'), t('Period'), t('Aktivt'), canConfigure && t('Åtgärd')]}
            >
              <tbody>
                {d.networks.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{n.name}</th>
                    <td>{n.description || dash}</td>
                    <td>{n.startYear === null && n.endYear === null ? t('Tills vidare') : yearSpan(n.startYear, n.endYear)}</td>
                    <td>{n.active ? t('Ja') : t('Nej')}</td>
                    {canConfigure && (
                      <td>
                        <button type="button" className="secondary" disabled={action.busy} onClick={() => toggle(n)}>
                          {n.active ? t('Markera som inaktivt') : t('Markera som aktivt')}
                          <span className="visually-hidden">: {n.name}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncView>
      {canConfigure && <NetworkForm />}
    </Section>
  );
}

// The form: the contract's new network with the years typed as text ('' = open).
const networkForm = networkYearsInOrder(
  networkFields.partial().required({ name: true }).extend({
    startYear: typedNumber(networkFields.shape.startYear, 'Året ska vara ett heltal'),
    endYear: typedNumber(networkFields.shape.endYear, 'Året ska vara ett heltal'),
  }),
);
type NetworkValues = z.input<typeof networkForm>;

function NetworkForm() {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const create = useEndpointMutation(createNetwork);
  const empty: NetworkValues = { name: '', description: '', active: true, startYear: '', endYear: '' };
  const form = useForm<NetworkValues, unknown, z.output<typeof networkForm>>({ resolver: zodResolver(networkForm), defaultValues: empty });
  const errors = form.formState.errors;

  const submit = form.handleSubmit(
    (body) =>
      action.run(async () => {
        const r = await create.mutateAsync({ body }).catch(onFields(form.setError));
        form.reset(empty);
        return t('Nätverket {name} är tillagt.', { name: r.network.name });
      }),
    () => action.setError(t('Rätta de markerade fälten.')),
  );

  return (
    <details>
      <summary>{t('Lägg till nätverk')}</summary>
      <form onSubmit={submit} noValidate aria-label={t('Lägg till nätverk')}>
        <ActionMessages action={action} />
        <Control id={`${id}-name`} label={t('Namn')} error={errors.name?.message}>
          {(a) => <input {...a} type="text" maxLength={200} {...form.register('name')} />}
        </Control>
        <Control id={`${id}-desc`} label={t('Beskrivning')} error={errors.description?.message}>
          {(a) => <textarea {...a} rows={2} maxLength={2000} {...form.register('description')} />}
        </Control>
        <div className="field-row">
          <Control id={`${id}-start`} label={t('Startår')} hint={t('Tomt: tills vidare.')} error={errors.startYear?.message}>
            {(a) => <input {...a} type="text" inputMode="numeric" className="count-input" {...form.register('startYear')} />}
          </Control>
          <Control id={`${id}-end`} label={t('Slutår')} hint={t('Tomt: tills vidare.')} error={errors.endYear?.message}>
            {(a) => <input {...a} type="text" inputMode="numeric" className="count-input" {...form.register('endYear')} />}
          </Control>
        </div>
        <div className="inline-check">
          <input type="checkbox" id={`${id}-active`} {...form.register('active')} />
          <label htmlFor={`${id}-active`}>{t('Aktivt')}</label>
        </div>
        <FormButtons submitLabel={t('Lägg till nätverket')} busy={action.busy} />
      </form>
    </details>
  );
}
