// The requirements an initiative meets before it moves to a stage (gates); förbundsadmin changes them
// in a form whose answer is checked with the contract's gate schema.
import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { saveGates, type PortfolioConfig } from '../../../contracts/portfolio.ts';
import { gateConfigSchema, type GateField, type GateRequirement } from '../../../domain/portfolio/stages.ts';
import type { Stage } from '../../../domain/portfolio/types.ts';
import { FormButtons } from '../../components/forms.tsx';
import { dash } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { DataTable, ErrorMessage } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpointMutation } from '../../query.ts';
import { EditableSection, onFields, parseNumber } from './shared.tsx';

export function GatesSection({ config }: { config: PortfolioConfig }) {
  const { t } = useI18n();
  const label = (s: Stage) => t(config.stages.find((x) => x.id === s)?.label ?? s);
  const reachableFrom = (s: Stage) => config.stages.filter((x) => x.next.includes(s)).map((x) => label(x.id));
  return (
    <EditableSection
      id="gates-heading"
      title={t('Krav för att gå vidare till ett steg')}
      intro={<p>{t('Ett initiativ kan flyttas till ett steg först när stegets krav är uppfyllda. Varje beslut loggas med vem och varför.')}</p>}
      editLabel={t('Ändra kraven')}
      savedText={t('Kraven för stegen är sparade.')}
      form={(done) => <GatesForm config={config} {...done} />}
    >
      <DataTable label={t('Krav per steg')} caption={t('Krav per steg (grindar)')} columns={[t('Steg'), t('Krav för att nå steget'), t('Kan nås från')]}>
        <tbody>
          {config.stages.map((s) => (
            <tr key={s.id}>
              <th scope="row">{t(s.label)}</th>
              <td>
                {s.gate.length === 0 ? (
                  t('Inga krav')
                ) : (
                  <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>
                    {s.gate.map((g, i) => (
                      <li key={i}>{g.description}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{reachableFrom(s.id).join(', ') || dash}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </EditableSection>
  );
}

// Gate requirements the configuration may hold (src/domain/portfolio/stages.ts), in display order.
interface RequirementSpec {
  key: string;
  label: string;
  /** The largest count the requirement takes, when it takes one. */
  max?: number;
  make: (n: number) => GateRequirement;
}

const fieldReq = (field: GateField, label: string): RequirementSpec => ({ key: `field:${field}`, label, make: () => ({ kind: 'field', field }) });
const REQUIREMENTS: RequirementSpec[] = [
  fieldReq('description', 'Beskrivning är ifylld'),
  fieldReq('need', 'Behov/problem är ifyllt'),
  fieldReq('area', 'Verksamhetsområde är angivet'),
  fieldReq('collaborationForm', 'Samverkansform är angiven'),
  fieldReq('startYear', 'Planerad period (startår) är angiven'),
  { key: 'linkedItem', label: 'Minst en kopplad förmåga eller utmaning', make: () => ({ kind: 'linkedItem' }) },
  { key: 'benefitQualitative', label: 'Kvalitativ nyttobeskrivning', make: () => ({ kind: 'benefitQualitative' }) },
  { key: 'benefitEstimate', label: 'Nyttokalkyl (timmar eller kronor per år)', make: () => ({ kind: 'benefitEstimate' }) },
  { key: 'costEstimate', label: 'Kostnadsuppskattning', make: () => ({ kind: 'costEstimate' }) },
  { key: 'fundingSources', label: 'Finansieringskällor, minst antal', max: 20, make: (n) => ({ kind: 'fundingSources', min: n }) },
  { key: 'risks', label: 'Identifierade risker, minst antal', max: 50, make: (n) => ({ kind: 'risks', min: n }) },
  { key: 'minParticipating', label: 'Deltagande kommuner, minst antal', max: 500, make: (n) => ({ kind: 'minParticipating', count: n }) },
  { key: 'minInterested', label: 'Intresserade eller deltagande kommuner, minst antal', max: 500, make: (n) => ({ kind: 'minInterested', count: n }) },
  { key: 'qualificationScored', label: 'Bedömd på alla kvalificeringskriterier', make: () => ({ kind: 'qualificationScored' }) },
  { key: 'statusReports', label: 'Statusrapporter, minst antal', max: 100, make: (n) => ({ kind: 'statusReports', min: n }) },
  { key: 'realisedBenefit', label: 'Realiserad nytta rapporterad', make: () => ({ kind: 'realisedBenefit' }) },
];

const reqKey = (r: GateRequirement) => (r.kind === 'field' ? `field:${r.field}` : r.kind);
const reqParam = (r: GateRequirement): number | undefined => ('min' in r ? r.min : 'count' in r ? r.count : undefined);

const COUNT_MESSAGE = 'Antalet ska vara ett heltal, 1 eller större.';

// The form: per stage and requirement whether it applies and its count as typed; on the way out the
// counts are checked and the requirements built, then the contract's gate schema applies.
const gatesForm = z
  .object({ gates: z.record(z.string(), z.record(z.string(), z.object({ on: z.boolean(), n: z.string() }))) })
  .transform(({ gates }, ctx) => {
    const out: Record<string, GateRequirement[]> = {};
    for (const [stage, reqs] of Object.entries(gates)) {
      const list: GateRequirement[] = [];
      for (const spec of REQUIREMENTS) {
        const v = reqs[spec.key];
        if (!v?.on) continue;
        const n = spec.max ? parseNumber(v.n) : 1;
        if (n === null || !Number.isInteger(n) || n < 1 || n > (spec.max ?? 1)) ctx.addIssue({ code: 'custom', message: COUNT_MESSAGE, path: ['gates', stage, spec.key, 'n'] });
        else list.push(spec.make(n));
      }
      if (list.length) out[stage] = list;
    }
    return { gates: out };
  })
  .pipe(z.object({ gates: gateConfigSchema }));
type GatesValues = z.input<typeof gatesForm>;

function GatesForm({ config, onCancel, onSaved }: { config: PortfolioConfig; onCancel: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const id = useId();
  const save = useEndpointMutation(saveGates);
  const form = useForm<GatesValues, unknown, z.output<typeof gatesForm>>({
    resolver: zodResolver(gatesForm),
    defaultValues: {
      gates: Object.fromEntries(
        config.stages.map((s) => {
          const have = config.gates[s.id] ?? [];
          return [
            s.id,
            Object.fromEntries(
              REQUIREMENTS.map((spec) => {
                const found = have.find((r) => reqKey(r) === spec.key);
                return [spec.key, { on: !!found, n: String((found && reqParam(found)) ?? 1) }];
              }),
            ),
          ];
        }),
      ),
    },
  });
  const values = form.watch('gates');
  const errors = form.formState.errors.gates;

  const submit = form.handleSubmit(
    (body) =>
      action.run(async () => {
        await save.mutateAsync({ body }).catch(onFields(form.setError));
        onSaved();
      }),
    () => action.setError(t(COUNT_MESSAGE)),
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('Ändra kraven för stegen')}</h3>
      <ErrorMessage message={action.message} />
      {config.stages.map((s) => (
        <fieldset key={s.id}>
          <legend>{t('Krav för att nå steget {stage}', { stage: t(s.label) })}</legend>
          <div className="checkbox-grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(20rem, 1fr))' }}>
            {REQUIREMENTS.map((spec) => {
              const inputId = `${id}-${s.id}-${spec.key}`;
              return (
                <div key={spec.key} className="inline-check" style={{ flexWrap: 'wrap' }}>
                  <input type="checkbox" id={inputId} {...form.register(`gates.${s.id}.${spec.key}.on`)} />
                  <label htmlFor={inputId} style={{ fontWeight: 400 }}>
                    {t(spec.label)}
                  </label>
                  {spec.max && values[s.id]?.[spec.key]?.on && (
                    <input
                      type="number"
                      min={1}
                      max={spec.max}
                      step={1}
                      className="count-input"
                      aria-label={t('{requirement}, antal för steget {stage}', { requirement: t(spec.label), stage: t(s.label) })}
                      aria-invalid={errors?.[s.id]?.[spec.key]?.n ? true : undefined}
                      {...form.register(`gates.${s.id}.${spec.key}.n`)}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      <FormButtons submitLabel={t('Spara kraven')} busy={action.busy} onCancel={onCancel} />
    </form>
  );
}
