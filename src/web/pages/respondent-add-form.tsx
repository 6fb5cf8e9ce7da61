// Adding respondents to a municipality's sample: one with name and e-mail, or several alike. The
// form validates with the endpoint's own schema (src/domain/respondent-schema.ts); the server's
// field errors land beside the fields too.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import * as api from '../../contracts/respondents.ts';
import { addRespondentsInput } from '../../domain/respondent-schema.ts';
import { ApiError } from '../api.ts';
import { Control, Options } from '../components/forms.tsx';
import { ErrorMessage, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpointMutation } from '../query.ts';

type FormIn = z.input<typeof addRespondentsInput>;
type FormOut = z.output<typeof addRespondentsInput>;
const FIELDS = ['respondentType', 'area', 'name', 'email', 'count'] as const;
const isField = (p: unknown): p is (typeof FIELDS)[number] => FIELDS.includes(p as never);

export function AddRespondentForm({
  params,
  types,
  areas,
  onAdded,
}: {
  params: { id: string; code: string };
  types: Array<{ id: string; label: string }>;
  areas: Array<{ id: string; name: string }>;
  onAdded: (n: number) => void;
}) {
  const { t } = useI18n();
  const add = useEndpointMutation(api.addRespondents);
  const blank: FormIn = { respondentType: types[0]?.id ?? '', area: '', name: '', email: '', count: 1 };
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(addRespondentsInput), defaultValues: blank });
  const { errors } = form.formState;
  const error = (f: (typeof FIELDS)[number]) => (errors[f]?.message ? t(errors[f].message) : undefined);

  const submit = form.handleSubmit(async (body) => {
    try {
      const r = await add.mutateAsync({ params, body });
      form.reset(blank);
      onAdded(r.respondents.length);
    } catch (e) {
      const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as Array<{ path?: unknown; message?: string }>) : [];
      const onField = details.filter((d) => isField(d.path));
      for (const d of onField) form.setError(d.path as (typeof FIELDS)[number], { message: d.message });
      if (!onField.length) form.setError('root', { message: (e as Error).message });
    }
  });

  return (
    <Section id="add-h" title={t('Lägg till respondent')}>
      <p>{t('Bygg ett representativt urval: roller och verksamhetsområden. Namn och e-post behövs bara om inbjudan ska skickas med e-post.')}</p>
      <ErrorMessage message={errors.root?.message} />
      <form onSubmit={submit} className="narrow-wide" noValidate>
        <div className="field-row">
          {types.length > 0 && (
            <Control id="resp-type" label={t('Roll (respondenttyp)')} error={error('respondentType')}>
              {(a) => (
                <select {...a} {...form.register('respondentType')} required>
                  <Options entries={types.map((r) => [r.id, r.label])} />
                </select>
              )}
            </Control>
          )}
          <Control id="resp-area" label={t('Verksamhetsområde')} error={error('area')}>
            {(a) => (
              <select {...a} {...form.register('area')}>
                <Options empty={t('Inte angivet')} entries={areas.map((x) => [x.id, x.name])} />
              </select>
            )}
          </Control>
        </div>
        <div className="field-row">
          <Control id="resp-name" label={t('Namn (valfritt)')} error={error('name')}>
            {(a) => <input {...a} {...form.register('name')} autoComplete="off" />}
          </Control>
          <Control id="resp-email" label={t('E-postadress (valfritt)')} error={error('email')}>
            {(a) => <input {...a} {...form.register('email')} type="email" autoComplete="off" />}
          </Control>
        </div>
        <Control
          id="resp-count"
          label={t('Antal')}
          hint={t('Flera respondenter med samma roll och område får var sin länk; namn och e-post anges då inte.')}
          error={error('count')}
        >
          {(a) => <input {...a} {...form.register('count', { valueAsNumber: true })} type="number" min={1} max={200} className="count-input" />}
        </Control>
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t('Lägg till')}
        </button>
      </form>
    </Section>
  );
}
