// The risk forms: a risk's fields (new and edit) and an assessment. Each validates with its endpoint's
// own body schema before anything is sent (contractResolver: the server's Swedish messages beside the
// field and, named, in the form's summary); the server's 400 is shown the same way.
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldIssue } from '../../../contracts/messages.ts';
import type { BodyIn } from '../../../contracts/endpoint.ts';
import type { assessRisk, createRisk } from '../../../contracts/risks.ts';
import { RISK_STATUSES, RISK_STATUS_LABELS } from '../../../domain/risk/schema.ts';
import { contractResolver, errorAt } from '../../form.ts';
import { Control, FormButtons, Options, type OptionEntries } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { fieldErrorsOf, numberOf } from '../initiatives/shared.tsx';

/** The summary above a form: what was wrong, each message a link to its field. */
function ErrorSummary({ error, issues, idOf }: { error: unknown; issues: FieldIssue[]; idOf: (path: string) => string }) {
  const { t } = useI18n();
  const server = fieldErrorsOf(error);
  const summary: Array<[string, string]> = issues.length ? issues.map((i) => [i.path, i.text]) : Object.entries(server);
  return (
    <div role="alert" className="live-region">
      {(error !== undefined || issues.length > 0) && (
        <div className="error">
          <p>{error instanceof Error ? error.message : t('Formuläret innehåller fel. Rätta fälten nedan.')}</p>
          {summary.length > 0 && (
            <ul>
              {summary.map(([path, m]) => (
                <li key={path}>
                  <a href={`#${idOf(path)}`}>{m}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** A form's state and helpers: react-hook-form with the contract's resolver, the action, the errors by path. */
/** The endpoint a form sends to: its body schema and its field labels. */
export interface FormEndpoint {
  body: z.ZodType;
  labels?: Readonly<Record<string, string>>;
}

function useContractForm<F extends Record<string, string>>(prefix: string, ep: FormEndpoint, initial: F, toBody: (f: F) => unknown) {
  const action = useAction();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const form = useForm<F>({ defaultValues: initial as never, resolver: contractResolver(ep.body, toBody, setIssues, ep.labels), shouldFocusError: false });
  const idOf = (path: string) => `${prefix}-${path.replace(/\./g, '-')}`;
  const server = fieldErrorsOf(action.error);
  const errors: Record<string, string> = { ...server, ...Object.fromEntries(issues.map((i) => [i.path, i.message])) };
  const at = (path: string, label: string, hint?: string) => ({ id: idOf(path), label, hint, error: errorAt(form.formState.errors, path) ?? errors[path] });
  const submit = (save: (values: F) => Promise<string | void>) =>
    form.handleSubmit(
      (values) => (action.busy ? undefined : action.run(() => save(values))),
      () => {
        action.setError(undefined);
        document.getElementById(idOf(issues[0]?.path ?? ''))?.focus();
      },
    );
  const summary = <ErrorSummary error={action.error} issues={issues} idOf={idOf} />;
  return { form, action, at, submit, summary };
}

// ---- A risk's fields ----------------------------------------------------------------------------------

export interface RiskFormState extends Record<string, string> {
  title: string;
  themeId: string;
  owner: string;
  measure: string;
  status: string;
  reviewDate: string;
  initiativeId: string;
  /** New risk only: "m:<code>" or "g:<groupId>". */
  scope: string;
}

/** The form's fields as the API takes them (`withScope` for a new risk); what was typed goes as it is, for the schema's message. */
export function riskBodyOf(f: RiskFormState, withScope: boolean): BodyIn<typeof createRisk> {
  const [kind, ref] = f.scope.split(':');
  return {
    ...(withScope ? { scope: kind === 'g' ? { kind: 'group' as const, groupId: Number(ref) } : { kind: 'municipality' as const, municipalityCode: ref ?? '' } } : {}),
    title: f.title,
    themeId: f.themeId,
    owner: f.owner,
    measure: f.measure,
    status: f.status,
    reviewDate: f.reviewDate || null,
    initiativeId: f.initiativeId ? Number(f.initiativeId) : null,
  } as BodyIn<typeof createRisk>;
}

export function RiskForm({
  endpoint,
  initial,
  submitLabel,
  themes,
  initiatives,
  scopes,
  onSave,
  onCancel,
}: {
  endpoint: FormEndpoint;
  initial: RiskFormState;
  submitLabel: string;
  themes: OptionEntries;
  initiatives: OptionEntries;
  /** A new risk: the registers the user may add to. */
  scopes?: OptionEntries;
  onSave: (body: ReturnType<typeof riskBodyOf>) => Promise<string | void>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const { form, action, at, submit, summary } = useContractForm('risk', endpoint, initial, (f) => riskBodyOf(f, !!scopes));
  const { register } = form;
  const text = (path: keyof RiskFormState & string, label: string, opts: { hint?: string; multiline?: boolean; type?: 'date' } = {}) => (
    <Control {...at(path, label, opts.hint)}>
      {(a) => (opts.multiline ? <textarea {...a} rows={3} {...register(path)} /> : <input {...a} type={opts.type ?? 'text'} {...register(path)} />)}
    </Control>
  );
  const select = (path: keyof RiskFormState & string, label: string, entries: OptionEntries, empty?: string) => (
    <Control {...at(path === 'scope' ? 'scope' : path, label)}>
      {(a) => (
        <select {...a} {...register(path)}>
          <Options entries={entries} empty={empty} />
        </select>
      )}
    </Control>
  );
  return (
    <form onSubmit={submit((v) => onSave(riskBodyOf(v, !!scopes)))} className="narrow-wide" noValidate aria-label={submitLabel}>
      {summary}
      {scopes && select('scope', t('Register'), scopes)}
      {text('title', t('Risk (obligatoriskt)'), { multiline: true, hint: t('Beskriv vad som kan hända och vad det leder till.') })}
      <div className="field-row">
        {select('themeId', t('Tema'), themes)}
        {select('status', t('Status'), RISK_STATUSES.map((s) => [s, t(RISK_STATUS_LABELS[s])]))}
      </div>
      <div className="field-row">
        {text('owner', t('Ägare'))}
        {text('reviewDate', t('Följs upp senast'), { type: 'date', hint: t('ÅÅÅÅ-MM-DD') })}
      </div>
      {text('measure', t('Åtgärd'), { multiline: true })}
      {select('initiativeId', t('Kopplat initiativ'), initiatives, t('Inget'))}
      <FormButtons submitLabel={submitLabel} busy={action.busy} onCancel={onCancel} />
    </form>
  );
}

// ---- An assessment ------------------------------------------------------------------------------------

export interface AssessmentFormState extends Record<string, string> {
  municipalityCode: string;
  assessedOn: string;
  state: string;
  probability: string;
  consequence: string;
  value: string;
  source: string;
  note: string;
}

function assessmentBodyOf(f: AssessmentFormState): BodyIn<typeof assessRisk> {
  const assessment =
    f.state === 'assessed'
      ? { state: 'assessed' as const, probability: numberOf(f.probability), consequence: numberOf(f.consequence) }
      : f.state === 'valueOnly'
        ? { state: 'valueOnly' as const, value: numberOf(f.value) }
        : { state: 'notAssessed' as const };
  return { municipalityCode: f.municipalityCode || null, assessedOn: f.assessedOn, assessment, source: f.source, note: f.note } as BodyIn<typeof assessRisk>;
}

export const today = () => new Date().toISOString().slice(0, 10);

export function AssessmentForm({
  endpoint,
  municipalities,
  onSave,
}: {
  endpoint: FormEndpoint;
  /** A group's register: the members the user may assess for; none for a municipality's own register. */
  municipalities: OptionEntries;
  onSave: (body: ReturnType<typeof assessmentBodyOf>) => Promise<string | void>;
}) {
  const { t } = useI18n();
  const initial: AssessmentFormState = {
    municipalityCode: String(municipalities[0]?.[0] ?? ''),
    assessedOn: today(),
    state: 'assessed',
    probability: '',
    consequence: '',
    value: '',
    source: '',
    note: '',
  };
  const { form, action, at, submit, summary } = useContractForm('assess', endpoint, initial, assessmentBodyOf);
  const { register, watch, reset } = form;
  const state = watch('state');
  const num = (path: string, field: 'probability' | 'consequence' | 'value', label: string, hint: string) => (
    <Control {...at(path, label, hint)}>{(a) => <input {...a} type="text" inputMode="numeric" {...register(field)} />}</Control>
  );
  const radio = (value: string, label: ReactNode) => (
    <label className="radio">
      <input type="radio" value={value} {...register('state')} /> {label}
    </label>
  );
  return (
    <form
      onSubmit={submit(async (v) => {
        const m = await onSave(assessmentBodyOf(v));
        reset({ ...initial, municipalityCode: v.municipalityCode });
        return m;
      })}
      className="narrow-wide"
      noValidate
      aria-label={t('Ny bedömning')}
    >
      {summary}
      <div className="live-region" role="status">
        {action.msg && <p className="notice">{action.msg}</p>}
      </div>
      <div className="field-row">
        {municipalities.length > 0 && (
          <Control {...at('municipalityCode', t('Kommun'))}>
            {(a) => (
              <select {...a} {...register('municipalityCode')}>
                <Options entries={municipalities} />
              </select>
            )}
          </Control>
        )}
        <Control {...at('assessedOn', t('Bedömningsdatum'), t('ÅÅÅÅ-MM-DD'))}>{(a) => <input {...a} type="date" {...register('assessedOn')} />}</Control>
      </div>
      <fieldset>
        <legend>{t('Bedömning')}</legend>
        {radio('assessed', t('Sannolikhet och konsekvens'))}
        {radio('valueOnly', t('Bara riskvärdet (källan publicerar bara värdet)'))}
        {radio('notAssessed', t('Ej bedömd'))}
        {state === 'assessed' && (
          <div className="field-row">
            {num('assessment.probability', 'probability', t('Sannolikhet (1–4)'), t('1 = osannolik, 4 = mycket sannolik'))}
            {num('assessment.consequence', 'consequence', t('Konsekvens (1–4)'), t('1 = liten, 4 = mycket allvarlig'))}
          </div>
        )}
        {state === 'valueOnly' && num('assessment.value', 'value', t('Riskvärde'), t('En produkt av två tal 1–4: 1, 2, 3, 4, 6, 8, 9, 12 eller 16'))}
      </fieldset>
      <div className="field-row">
        <Control {...at('source', t('Källa'))}>{(a) => <input {...a} type="text" {...register('source')} />}</Control>
        <Control {...at('note', t('Anteckning'))}>{(a) => <input {...a} type="text" {...register('note')} />}</Control>
      </div>
      <FormButtons submitLabel={t('Spara bedömningen')} busy={action.busy} />
    </form>
  );
}
