// The entry form of one municipality-year (economicsYearInput, src/domain/economics/schema.ts): the
// local budget lines with their category → TBM pool mapping (editable, own categories addable), the
// pools with "varav inom central IT", the towers, net cost, population and stated total, each with
// source and note. What is typed is checked with the contract's own schema before anything is sent
// (the server's Swedish messages beside the field); empty rows are left out of what is sent.
import { useId, useState } from 'react';
import { useFieldArray, useForm, type Resolver } from 'react-hook-form';
import type { BodyIn } from '../../../contracts/endpoint.ts';
import { saveEconomicsYear } from '../../../contracts/economics.ts';
import { validate, type FieldIssue } from '../../../contracts/messages.ts';
import { DEFAULT_CATEGORIES, POOL_LABELS, TBM_POOLS, TOWER_LABELS, TOWERS, type EconomicsYear, type TbmPool } from '../../../domain/economics/schema.ts';
import { ApiError } from '../../api.ts';
import { Control, FormButtons, Options } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { errorAt } from '../../form.ts';
import { parseNumber, shownNumber } from '../portfolio/shared.tsx';

interface Stated {
  amount: string;
  source: string;
  note: string;
}
interface FormState {
  netCost: Stated;
  population: Stated;
  statedTotal: Stated;
  budgetLines: Array<Stated & { category: string; label: string; pool: TbmPool; own: boolean }>;
  pools: Array<Stated & { pool: TbmPool; insideCentralIt: string }>;
  towers: Array<Stated & { tower: (typeof TOWERS)[number] }>;
  source: string;
  note: string;
}

const stated = (f: { amount: number; source?: string; note?: string } | null | undefined): Stated => ({ amount: shownNumber(f?.amount ?? null), source: f?.source ?? '', note: f?.note ?? '' });

type Body = BodyIn<typeof saveEconomicsYear>;

/** The form's values from the stored record (or the default categories and pools when there is none). */
export function formStateOf(r: EconomicsYear | null): FormState {
  const defaults = new Set(DEFAULT_CATEGORIES.map((c) => c.id));
  const lines = r?.budgetLines.length ? r.budgetLines : DEFAULT_CATEGORIES.map((c) => ({ category: c.id, label: c.label, pool: c.pool, amount: null, source: '', note: '' }));
  return {
    netCost: stated(r?.netCost),
    population: stated(r?.population),
    statedTotal: stated(r?.statedTotal),
    budgetLines: lines.map((l) => ({ amount: shownNumber(l.amount), source: l.source, note: l.note, category: l.category, label: l.label, pool: l.pool, own: !defaults.has(l.category) })),
    pools: TBM_POOLS.map((pool) => {
      const p = r?.pools.find((x) => x.pool === pool);
      return { pool, ...stated(p), insideCentralIt: shownNumber(p?.insideCentralIt ?? null) };
    }),
    towers: TOWERS.map((tower) => ({ tower, ...stated(r?.towers.find((x) => x.tower === tower)) })),
    source: r?.source ?? '',
    note: r?.note ?? '',
  };
}

/** An own category's id from its name: "Licenser för skolan" → "licenser_for_skolan". */
export const categoryIdOf = (label: string) =>
  label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

/** A typed amount: '' → null (row left out), else the number (NaN for text that is no number, refused by the schema). */
const num = (s: string) => parseNumber(s);
const figureOf = (s: Stated) => (num(s.amount) === null ? null : { amount: num(s.amount), source: s.source, note: s.note });

/**
 * The request body of the form, and for each array in it the form row each body row came from (empty
 * rows are left out, so a message about `pools.1` belongs to the form's row `pools[at.pools[1]]`).
 */
export function bodyOf(f: FormState, base: { synthesised: boolean }) {
  const at = { budgetLines: [] as number[], pools: [] as number[], towers: [] as number[] };
  const keep = <T extends { amount: string }>(rows: T[], key: keyof typeof at) => rows.flatMap((r, i) => (r.amount.trim() === '' ? [] : (at[key].push(i), [r])));
  const body: Body = {
    ...base,
    netCost: figureOf(f.netCost) as Body['netCost'],
    population: figureOf(f.population) as Body['population'],
    statedTotal: figureOf(f.statedTotal) as Body['statedTotal'],
    budgetLines: keep(f.budgetLines, 'budgetLines').map((l) => ({ category: l.own ? categoryIdOf(l.label) : l.category, label: l.label, pool: l.pool, amount: num(l.amount) as number, source: l.source, note: l.note })),
    pools: keep(f.pools, 'pools').map((p) => ({ pool: p.pool, amount: num(p.amount) as number, insideCentralIt: num(p.insideCentralIt), source: p.source, note: p.note })),
    towers: keep(f.towers, 'towers').map((x) => ({ tower: x.tower, amount: num(x.amount) as number, source: x.source, note: x.note })),
    source: f.source,
    note: f.note,
  };
  return { body, at };
}

/** A body path ("pools.1.amount") as the form's path ("pools.6.amount"). */
function formPath(path: string, at: Record<string, number[]>): string {
  const [head, i, ...rest] = path.split('.');
  return head in at && i !== undefined && /^\d+$/.test(i) ? [head, String(at[head][Number(i)] ?? i), ...rest].join('.') : path;
}

export function EconomicsYearForm({
  initial,
  base,
  onSave,
  onCancel,
}: {
  initial: EconomicsYear | null;
  base: { synthesised: boolean };
  onSave: (body: Body) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const resolver: Resolver<FormState> = async (values) => {
    const { body, at } = bodyOf(values, base);
    const r = validate(saveEconomicsYear.body, body, saveEconomicsYear.labels);
    const found = r.ok ? [] : r.errors.map((e) => ({ ...e, path: formPath(e.path, at) }));
    setIssues(found);
    if (r.ok) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const e of found) {
      const keys = (e.path || 'root').split('.');
      let o = errors;
      for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      o[keys[keys.length - 1]] ??= { type: 'validate', message: e.message };
    }
    return { values: {}, errors: errors as never };
  };
  const { register, handleSubmit, control, formState, setError } = useForm<FormState>({ defaultValues: formStateOf(initial), resolver, shouldFocusError: false });
  const lines = useFieldArray({ control, name: 'budgetLines' });
  const fid = (path: string) => `${id}-${path.replace(/\./g, '-')}`;
  const err = (path: string) => errorAt(formState.errors, path);

  const submit = handleSubmit(
    (values) =>
      action.run(async () => {
        const { body, at } = bodyOf(values, base);
        await onSave(body).catch((e: unknown) => {
          if (e instanceof ApiError && Array.isArray(e.details))
            for (const d of e.details as Array<{ path?: unknown; message?: unknown }>)
              if (typeof d.path === 'string' && d.path && typeof d.message === 'string') setError(formPath(d.path, at) as never, { message: d.message });
          throw e;
        });
        return t('Uppgifterna är sparade.');
      }),
    () => {
      action.setError(undefined);
      document.getElementById(fid(issues[0]?.path ?? 'netCost.amount'))?.focus();
    },
  );

  const input = (path: string, label: string, opts: { numeric?: boolean; hint?: string } = {}) => (
    <Control id={fid(path)} label={label} hint={opts.hint} error={err(path)}>
      {(a) => <input {...a} type="text" inputMode={opts.numeric ? 'decimal' : undefined} {...register(path as never)} />}
    </Control>
  );
  const figureFields = (key: 'netCost' | 'population' | 'statedTotal', label: string, hint?: string) => (
    <fieldset>
      <legend>{label}</legend>
      <div className="field-row">
        {input(`${key}.amount`, key === 'population' ? t('Antal invånare') : t('Belopp (kr)'), { numeric: true, hint })}
        {input(`${key}.source`, t('Källa'))}
        {input(`${key}.note`, t('Not'))}
      </div>
    </fieldset>
  );
  const poolEntries = TBM_POOLS.map((p) => [p, t(POOL_LABELS[p])] as const);

  return (
    <form onSubmit={submit} noValidate aria-label={t('Uppgifter för året')} className="economics-form">
      <ActionMessages action={action} />
      {issues.length > 0 && (
        <div className="error" role="alert">
          <p>{t('Formuläret innehåller fel. Rätta fälten nedan.')}</p>
          <ul>
            {issues.map((i) => (
              <li key={i.path}>
                <a href={`#${fid(i.path)}`}>{i.text}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint">{t('Belopp i kronor, 0 eller större. Tomma rader sparas inte. Ange källa och gärna en not för varje uppgift.')}</p>
      {figureFields('netCost', t('Verksamhetens nettokostnad'))}
      {figureFields('population', t('Invånare'))}
      {figureFields('statedTotal', t('Angiven totalsumma för it'), t('Den summa källan anger; den jämförs med delarna.'))}

      <fieldset>
        <legend>{t('Budgetrader per kategori')}</legend>
        <p className="hint">{t('Varje kategori räknas till en TBM-kostnadspool. Ändra kopplingen eller lägg till egna kategorier.')}</p>
        {lines.fields.map((f, i) => (
          <div key={f.id} className="row-group">
            <div className="field-row">
              {f.own ? input(`budgetLines.${i}.label`, t('Egen kategori (rad {n})', { n: i + 1 })) : <p className="row-label">{t(f.label)}</p>}
              <Control id={fid(`budgetLines.${i}.pool`)} label={t('Kostnadspool: {category}', { category: f.own ? t('rad {n}', { n: i + 1 }) : t(f.label) })} error={err(`budgetLines.${i}.pool`)}>
                {(a) => (
                  <select {...a} {...register(`budgetLines.${i}.pool`)}>
                    <Options entries={poolEntries} />
                  </select>
                )}
              </Control>
              {input(`budgetLines.${i}.amount`, t('Belopp (kr): {category}', { category: f.own ? t('rad {n}', { n: i + 1 }) : t(f.label) }), { numeric: true })}
              {input(`budgetLines.${i}.source`, t('Källa: {category}', { category: f.own ? t('rad {n}', { n: i + 1 }) : t(f.label) }))}
            </div>
            {f.own && (
              <button type="button" className="secondary" onClick={() => lines.remove(i)}>
                {t('Ta bort')} <span className="visually-hidden">{t('rad {n}', { n: i + 1 })}</span>
              </button>
            )}
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => lines.append({ category: '', label: '', pool: 'annat', amount: '', source: '', note: '', own: true })}>
          {t('Lägg till egen kategori')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('Kostnadspooler (TBM)')}</legend>
        {TBM_POOLS.map((p, i) => (
          <div key={p} className="field-row">
            {input(`pools.${i}.amount`, t('{pool} (kr)', { pool: t(POOL_LABELS[p]) }), { numeric: true })}
            {input(`pools.${i}.insideCentralIt`, t('varav inom central IT (kr): {pool}', { pool: t(POOL_LABELS[p]) }), { numeric: true })}
            {input(`pools.${i}.source`, t('Källa: {category}', { category: t(POOL_LABELS[p]) }))}
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('Arbetsområden inom central IT')}</legend>
        <div className="field-row">
          {TOWERS.map((x, i) => (
            <div key={x}>{input(`towers.${i}.amount`, t('{tower} (kr)', { tower: t(TOWER_LABELS[x]) }), { numeric: true })}</div>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('Källa och not för året')}</legend>
        {input('source', t('Källa'))}
        <Control id={fid('note')} label={t('Not')} error={err('note')}>
          {(a) => <textarea {...a} rows={2} {...register('note')} />}
        </Control>
      </fieldset>
      <FormButtons submitLabel={t('Spara uppgifterna')} busy={action.busy} onCancel={onCancel} />
    </form>
  );
}
