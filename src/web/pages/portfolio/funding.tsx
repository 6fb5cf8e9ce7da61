// Requisitioned funding per cost type: a chart and a table per project, and the association's form
// for the amounts.
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { saveFunding, type AssociationFollowUp, type FundingProjectView } from '../../../contracts/portfolio.ts';
import { FOLLOW_UP_FLAG_LABELS, fundingChart } from '../../../domain/portfolio/indicators.ts';
import { MONEY, money } from '../../../domain/portfolio/field-schemas.ts';
import { fundingProjectInput } from '../../../domain/portfolio/portfolio-schema.ts';
import { COST_TYPES } from '../../../domain/portfolio/types.ts';
import { SpecChart } from '../../components/charts.tsx';
import { Control, FormButtons } from '../../components/forms.tsx';
import { dash, int, kr, pct } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, DataTable } from '../../components/ui.tsx';
import { translate, useI18n } from '../../i18n.tsx';
import { useEndpointMutation } from '../../query.ts';
import { onFields, typedNumber } from './shared.tsx';

function FundingChart({ project, name }: { project: FundingProjectView; name: string }) {
  const { t, lang } = useI18n();
  const rows = project.followUp.rows;
  const spec = useMemo(() => fundingChart(rows, (sv) => translate(lang, sv)), [rows, lang]);
  const top = rows.length ? rows.reduce((a, b) => (b.requisitioned > a.requisitioned ? b : a)) : null;
  const summary = [
    t('Stapeldiagram: ansökt och rekvirerat per kostnadsslag i kronor, {name}.', { name }),
    top ? t('Mest rekvirerat: {label} ({amount}).', { label: t(top.label), amount: kr(top.requisitioned) }) : '',
    t('Alla värden finns i tabellen under diagrammet.'),
  ]
    .filter(Boolean)
    .join(' ');
  return <SpecChart spec={spec} label={summary} />;
}

/** The flags of an association's follow-up: figure, expected and found value (quality checks, overspend, member count). */
export function FlagList({ flags, id, label }: { flags: AssociationFollowUp['flags']; id: string; label?: string }) {
  const { t } = useI18n();
  if (flags.length === 0) return <p>{t('Inga kvalitetsflaggor.')}</p>;
  return (
    <DataTable
      label={label ?? t('Kvalitetsflaggor')}
      caption={<span id={id}>{t('Kvalitetsflaggor: siffra, förväntat och funnet värde')}</span>}
      columns={[t('Flagga'), t('Siffra'), { num: t('Förväntat') }, { num: t('Funnet') }, { num: t('Differens') }, t('Beskrivning')]}
    >
      <tbody>
        {flags.map((f, i) => (
          <tr key={i} data-flag={f.code}>
            <th scope="row">{t(FOLLOW_UP_FLAG_LABELS[f.code])}</th>
            <td>{f.subject}</td>
            <td className="num">{f.expected === undefined ? dash : int(f.expected)}</td>
            <td className="num">{f.actual === undefined ? dash : int(f.actual)}</td>
            <td className="num">{f.difference === undefined ? dash : `${f.difference > 0 ? '+' : ''}${int(f.difference)}`}</td>
            <td>{f.message}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function FundingView({ project: p, owner }: { project: FundingProjectView; owner?: string }) {
  const { t } = useI18n();
  const id = useId();
  const f = p.followUp;
  // On the region's page every association's project is named the same: its association tells them apart.
  const name = owner ? `${p.name}, ${owner}` : p.name;
  return (
    <figure className="result-figure" aria-labelledby={`${id}-t`}>
      <figcaption>
        <h3 id={`${id}-t`}>{name}</h3>
        <dl className="facts">
          {p.reference && (
            <>
              <dt>{t('Diarienummer')}</dt>
              <dd>{p.reference}</dd>
            </>
          )}
          <dt>{t('Projektperiod')}</dt>
          <dd>{p.periodFrom || p.periodTo ? `${p.periodFrom ?? '…'} – ${p.periodTo ?? '…'}` : dash}</dd>
          <dt>{t('Rekvirerat under perioden')}</dt>
          <dd>{p.requisitionedFrom || p.requisitionedUntil ? `${p.requisitionedFrom ?? '…'} – ${p.requisitionedUntil ?? '…'}` : dash}</dd>
          <dt>{t('Enhet i den publicerade tabellen')}</dt>
          <dd>{p.followUp.unit}</dd>
          {p.caption && (
            <>
              <dt>{t('Publicerad tabell')}</dt>
              <dd>{p.caption}</dd>
            </>
          )}
          {p.source && (
            <>
              <dt>{t('Källa')}</dt>
              <dd>{p.source}</dd>
            </>
          )}
          <dt>{t('Rekvirerat av ansökta medel')}</dt>
          <dd>{pct(f.requisitionedPercent)}</dd>
        </dl>
      </figcaption>
      {f.rows.length > 0 && <FundingChart project={p} name={name} />}
      <DataTable
        label={t('Medel per kostnadsslag: {name}', { name })}
        caption={t('Medel per kostnadsslag: {name} (kronor){until}', {
          name,
          until: p.requisitionedUntil ? t(', rekvirerat till och med {date}', { date: p.requisitionedUntil }) : '',
        })}
        columns={[t('Kostnadsslag'), { num: t('Ansökan') }, { num: t('Rekvirerat') }, { num: t('Kvarstår') }]}
      >
        <tbody>
          {f.rows.map((r) => (
            <tr key={r.costType}>
              <th scope="row">{t(r.label)}</th>
              <td className="num">{kr(r.applied)}</td>
              <td className="num">{kr(r.requisitioned)}</td>
              <td className="num">
                {kr(r.remaining)}
                {r.overspent && <span className="hint"> ({t('överskridet')})</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Totalt (summa av raderna)')}</th>
            <td className="num">{kr(f.total.applied)}</td>
            <td className="num">{kr(f.total.requisitioned)}</td>
            <td className="num">{kr(f.total.remaining)}</td>
          </tr>
          {f.stated && (
            <tr data-row="stated">
              <th scope="row">{t('Totalt (som publicerat)')}</th>
              <td className="num">{int(f.stated.applied)}</td>
              <td className="num">{int(f.stated.requisitioned)}</td>
              <td className="num">{f.stated.remaining !== null && f.stated.remaining > 0 ? '+' : ''}{int(f.stated.remaining)}</td>
            </tr>
          )}
        </tfoot>
      </DataTable>
      {f.flags.length > 0 && <FlagList flags={f.flags} id={`${id}-flags`} label={t('Kvalitetsflaggor: {name}', { name })} />}
    </figure>
  );
}

// The form: the contract's funding project amounts typed as text ("1 100 000") and the date as typed.
const fundingForm = z.object({
  requisitionedUntil: z
    .string()
    .trim()
    .transform((s) => s || null)
    .pipe(fundingProjectInput.shape.requisitionedUntil.unwrap()),
  rows: z.array(
    z.object({
      costType: z.enum(COST_TYPES),
      label: z.string(),
      applied: typedNumber(money, MONEY),
      requisitioned: typedNumber(money, MONEY),
    }),
  ),
});
type FundingValues = z.input<typeof fundingForm>;

/** The association updates a project's applied and requisitioned amounts per cost type (PUT /api/funding). */
export function FundingForm({ project: p }: { project: FundingProjectView }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const save = useEndpointMutation(saveFunding);
  const form = useForm<FundingValues, unknown, z.output<typeof fundingForm>>({
    resolver: zodResolver(fundingForm),
    defaultValues: {
      requisitionedUntil: p.requisitionedUntil ?? '',
      rows: p.followUp.rows.map((r) => ({ costType: r.costType, label: r.label, applied: String(r.applied), requisitioned: String(r.requisitioned) })),
    },
  });
  const errors = form.formState.errors;

  const submit = form.handleSubmit(
    ({ requisitionedUntil, rows }) =>
      action.run(async () => {
        const { id: _id, followUp: _f, rows: _rows, ...kept } = p;
        const body = { ...kept, requisitionedUntil, rows: rows.map(({ label: _label, ...r }) => r) };
        await save.mutateAsync({ body }).catch(onFields(form.setError));
        return t('Sparat: {label}', { label: p.name });
      }),
    () => action.setError(errors.requisitionedUntil && !errors.rows ? t('Datum ska skrivas ÅÅÅÅ-MM-DD.') : t('Ange belopp i kronor, 0 eller större, för varje kostnadsslag.')),
  );

  return (
    <details>
      <summary>{t('Uppdatera belopp: {name}', { name: p.name })}</summary>
      <form onSubmit={submit} noValidate>
        <ActionMessages action={action} />
        <Control id={`${id}-until`} label={t('Rekvirerat till och med (ÅÅÅÅ-MM-DD)')} error={errors.requisitionedUntil?.message}>
          {(a) => <input {...a} type="text" {...form.register('requisitionedUntil')} />}
        </Control>
        {p.followUp.rows.map((r, i) => (
          <fieldset key={r.costType}>
            <legend>{t(r.label)}</legend>
            <div className="field-row">
              {(['applied', 'requisitioned'] as const).map((k) => (
                <Control key={k} id={`${id}-${i}-${k}`} label={k === 'applied' ? t('Ansökan (kr)') : t('Rekvirerat (kr)')} error={errors.rows?.[i]?.[k]?.message}>
                  {(attrs) => <input {...attrs} type="text" inputMode="numeric" {...form.register(`rows.${i}.${k}`)} />}
                </Control>
              ))}
            </div>
          </fieldset>
        ))}
        <FormButtons submitLabel={t('Spara beloppen')} busy={action.busy} />
      </form>
    </details>
  );
}
