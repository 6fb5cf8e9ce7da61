// The association's settings of the risk register (/risker/installningar): the themes (a theme that risks
// use cannot be removed: the server answers 409) and the value above which a risk is serious (default 7).
// Both forms validate with their endpoint's body schema before anything is sent.
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import * as api from '../../../contracts/risks.ts';
import type { ResponseOf } from '../../../contracts/endpoint.ts';
import type { FieldIssue } from '../../../contracts/messages.ts';
import { contractResolver, errorAt } from '../../form.ts';
import { Control, FormButtons } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, LinkParagraph, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { numberOf } from '../initiatives/shared.tsx';

type Config = ResponseOf<typeof api.getRiskConfig>;

export function RiskSettingsPage() {
  const { t } = useI18n();
  const config = useEndpoint(api.getRiskConfig, undefined);
  return (
    <Page title={t('Teman och gräns för allvarlig risk')}>
      <LinkParagraph to="/risker">{t('Tillbaka till riskregistret')}</LinkParagraph>
      <AsyncView state={config}>
        {(c) => (
          <>
            <ThresholdForm key={`t${c.seriousAbove}`} seriousAbove={c.seriousAbove} />
            <ThemesForm key={c.themes.map((x) => x.id).join()} themes={c.themes} />
          </>
        )}
      </AsyncView>
    </Page>
  );
}

/** Issues in the form's summary (the alert) and beside each field. */
function Issues({ issues }: { issues: FieldIssue[] }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="live-region">
      {issues.length > 0 && (
        <div className="error">
          <p>{t('Formuläret innehåller fel. Rätta fälten nedan.')}</p>
          <ul>
            {issues.map((i) => (
              <li key={i.path}>{i.text}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ThresholdForm({ seriousAbove }: { seriousAbove: number }) {
  const { t } = useI18n();
  const action = useAction();
  const save = useEndpointMutation(api.setRiskThreshold);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const toBody = (f: { seriousAbove: string }) => ({ seriousAbove: numberOf(f.seriousAbove) });
  const { register, handleSubmit, formState } = useForm<{ seriousAbove: string }>({
    defaultValues: { seriousAbove: String(seriousAbove) },
    resolver: contractResolver(api.setRiskThreshold.body, toBody, setIssues),
  });
  return (
    <Section id="threshold-h" title={t('Gräns för allvarlig risk')}>
      <p>{t('Ett riskvärde över gränsen räknas som en allvarlig risk. Förstudierapportens riskanalys använder 7.')}</p>
      <form
        noValidate
        className="narrow"
        aria-label={t('Gräns för allvarlig risk')}
        onSubmit={handleSubmit((f) =>
          action.run(async () => {
            await save.mutateAsync({ body: toBody(f) as { seriousAbove: number } });
            return t('Gränsen är sparad.');
          }),
        )}
      >
        <Issues issues={issues} />
        <ActionMessages action={action} />
        <Control id="risk-serious-above" label={t('Allvarlig när riskvärdet är över')} hint={t('Ett heltal 0–16')} error={errorAt(formState.errors, 'seriousAbove')}>
          {(a) => <input {...a} type="text" inputMode="numeric" {...register('seriousAbove')} />}
        </Control>
        <FormButtons submitLabel={t('Spara gränsen')} busy={action.busy} />
      </form>
    </Section>
  );
}

function ThemesForm({ themes }: { themes: Config['themes'] }) {
  const { t } = useI18n();
  const action = useAction();
  const save = useEndpointMutation(api.saveRiskThemes);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  type F = { themes: Array<{ id: string; name: string }> };
  const toBody = (f: F) => ({ themes: f.themes.map((x, i) => ({ id: x.id, name: x.name, sort: i })) });
  const { register, handleSubmit, control, formState } = useForm<F>({
    defaultValues: { themes: themes.map((x) => ({ id: x.id, name: x.name })) },
    resolver: contractResolver(api.saveRiskThemes.body, toBody, setIssues),
  });
  const rows = useFieldArray({ control, name: 'themes' });
  return (
    <Section id="themes-h" title={t('Teman')}>
      <p>{t('Riskerna sorteras under teman. Ett tema som risker använder kan inte tas bort.')}</p>
      <form
        noValidate
        className="narrow-wide"
        aria-label={t('Teman')}
        onSubmit={handleSubmit((f) =>
          action.run(async () => {
            await save.mutateAsync({ body: toBody(f) });
            return t('Temana är sparade.');
          }),
        )}
      >
        <Issues issues={issues} />
        <ActionMessages action={action} />
        {rows.fields.map((row, i) => (
          <fieldset key={row.id}>
            <legend>{t('Tema {n}', { n: i + 1 })}</legend>
            <div className="field-row">
              <Control id={`theme-${i}-name`} label={t('Namn (tema {n})', { n: i + 1 })} error={errorAt(formState.errors, `themes.${i}.name`)}>
                {(a) => <input {...a} type="text" {...register(`themes.${i}.name`)} />}
              </Control>
              <Control id={`theme-${i}-id`} label={t('Id (tema {n})', { n: i + 1 })} hint={t('a–z, 0–9 och _')} error={errorAt(formState.errors, `themes.${i}.id`)}>
                {(a) => <input {...a} type="text" {...register(`themes.${i}.id`)} />}
              </Control>
            </div>
            <button type="button" className="secondary" onClick={() => rows.remove(i)}>
              {t('Ta bort')} <span className="visually-hidden">{t('Tema {n}', { n: i + 1 })}</span>
            </button>
          </fieldset>
        ))}
        <p>
          <button type="button" className="secondary" onClick={() => rows.append({ id: '', name: '' })}>
            {t('Lägg till tema')}
          </button>
        </p>
        <FormButtons submitLabel={t('Spara temana')} busy={action.busy} />
      </form>
    </Section>
  );
}
