// The benchmark per year (the association): the share of net cost an IT budget is compared with
// (default 2,5 %) and the research figure (about 2 %), each with its source. Validated with the
// contract's own schema before it is sent.
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { getBenchmark, saveBenchmark } from '../../../contracts/economics.ts';
import type { BodyIn } from '../../../contracts/endpoint.ts';
import type { FieldIssue } from '../../../contracts/messages.ts';
import { Control, FormButtons } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, Section } from '../../components/ui.tsx';
import { contractResolver, errorAt } from '../../form.ts';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { parseNumber, shownNumber } from '../portfolio/shared.tsx';
import { share, validYear } from './shared.tsx';

type Benchmark = BodyIn<typeof saveBenchmark>;
interface FormState {
  share: string;
  source: string;
  researchShare: string;
  researchSource: string;
  note: string;
}
const bodyOf = (f: FormState): Benchmark => ({
  share: parseNumber(f.share) as number,
  source: f.source,
  researchShare: parseNumber(f.researchShare),
  researchSource: f.researchSource,
  note: f.note,
});

function BenchmarkForm({ year, initial, onDone }: { year: number; initial: Benchmark; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const save = useEndpointMutation(saveBenchmark);
  const [, setIssues] = useState<FieldIssue[]>([]);
  const { register, handleSubmit, formState } = useForm<FormState>({
    defaultValues: {
      share: shownNumber(initial.share ?? null),
      source: initial.source ?? '',
      researchShare: shownNumber(initial.researchShare ?? null),
      researchSource: initial.researchSource ?? '',
      note: initial.note ?? '',
    },
    resolver: contractResolver(saveBenchmark.body, bodyOf, setIssues, saveBenchmark.labels),
  });
  const field = (k: keyof FormState, label: string, numeric = false) => (
    <Control id={`${id}-${k}`} label={label} error={errorAt(formState.errors, k)}>
      {(a) => <input {...a} type="text" inputMode={numeric ? 'decimal' : undefined} {...register(k)} />}
    </Control>
  );
  return (
    <form
      noValidate
      aria-label={t('Riktmärke {year}', { year })}
      onSubmit={handleSubmit((v) =>
        action.run(async () => {
          await save.mutateAsync({ params: { year }, body: bodyOf(v) });
          onDone();
          return t('Riktmärket för {year} är sparat.', { year });
        }),
      )}
    >
      <ActionMessages action={action} />
      <div className="field-row">
        {field('share', t('Riktmärke (procent av nettokostnaden)'), true)}
        {field('source', t('Källa för riktmärket'))}
      </div>
      <div className="field-row">
        {field('researchShare', t('Forskningens nivå (procent)'), true)}
        {field('researchSource', t('Källa för forskningens nivå'))}
      </div>
      {field('note', t('Not'))}
      <FormButtons submitLabel={t('Spara riktmärket')} busy={action.busy} onCancel={onDone} />
    </form>
  );
}

export function BenchmarkSection() {
  const { t, lang } = useI18n();
  const id = useId();
  const [yearText, setYearText] = useState(String(new Date().getFullYear() - 1));
  const [editing, setEditing] = useState(false);
  const year = validYear(yearText.trim());
  const state = useEndpoint(getBenchmark, year ? { params: { year } } : null, { keep: true });
  const sv = lang === 'sv' ? undefined : 'sv';
  return (
    <Section id="riktmarke" title={t('Riktmärke per år')}>
      <div className="results-filters">
        <Control id={`${id}-year`} label={t('År för riktmärket')} error={year ? undefined : t('Året ska vara 2000–2100.')}>
          {(a) => <input {...a} type="number" min={2000} max={2100} step={1} className="count-input" value={yearText} onChange={(e) => (setYearText(e.target.value), setEditing(false))} />}
        </Control>
      </div>
      {year && (
        <AsyncView state={state}>
          {({ benchmark: b, isDefault }) =>
            editing ? (
              <BenchmarkForm year={year} initial={b} onDone={() => setEditing(false)} />
            ) : (
              <>
                <p>
                  {t('Riktmärke {year}: {share}', { year, share: share(b.share) })} ({t('källa')}: <span lang={sv}>{b.source}</span>)
                  {b.researchShare !== null && (
                    <>
                      {'; '}
                      {t('forskningens nivå {share}', { share: share(b.researchShare) })} ({t('källa')}: <span lang={sv}>{b.researchSource}</span>)
                    </>
                  )}
                  {isDefault && <> {t('(förvalt, inget angivet för året)')}</>}
                </p>
                <button type="button" className="secondary" onClick={() => setEditing(true)}>
                  {t('Ändra riktmärket för {year}', { year })}
                </button>
              </>
            )
          }
        </AsyncView>
      )}
    </Section>
  );
}
