// The qualification criteria and their weights; förbundsadmin changes them in a form checked with the
// contract's schema (criteriaInput: unique ids, weights 0–100, at least one above 0).
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import { saveCriteria } from '../../../contracts/portfolio.ts';
import { criteriaRules, criterionInput, type criterion } from '../../../domain/portfolio/portfolio-schema.ts';
import { FormButtons } from '../../components/forms.tsx';
import { dash, dec, pct } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { DataTable, ErrorMessage } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpointMutation } from '../../query.ts';
import { EditableSection, onFields, shownNumber, typedNumber } from './shared.tsx';

type Criterion = z.infer<typeof criterion>;

export function CriteriaSection({ criteria }: { criteria: Criterion[] }) {
  const { t } = useI18n();
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  return (
    <EditableSection
      id="criteria-heading"
      title={t('Kvalificeringskriterier och vikter')}
      editLabel={t('Ändra kriterier och vikter')}
      savedText={t('Kriterierna och vikterna är sparade. Rangordningen är uppdaterad.')}
      form={(done) => <CriteriaForm criteria={criteria} {...done} />}
    >
      <DataTable
        label={t('Kvalificeringskriterier och vikter')}
        caption={t('Kvalificeringskriterier och vikter (andelen är vikten delad med summan av alla vikter)')}
        columns={[t('Kriterium'), t('Beskrivning'), { num: t('Vikt') }, { num: t('Andel av den totala vikten') }]}
      >
        <tbody>
          {criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              <td>{c.description}</td>
              <td className="num">{dec(c.weight)}</td>
              <td className="num">{total > 0 ? pct((c.weight / total) * 100) : dash}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Summa')}</th>
            <td />
            <td className="num">{dec(total)}</td>
            <td className="num">{total > 0 ? pct(100) : dash}</td>
          </tr>
        </tfoot>
      </DataTable>
    </EditableSection>
  );
}

/** A criterion id from its label: lower-case a–z, digits and _, at most 40 characters. */
function slug(label: string): string {
  const s = label
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return s || 'kriterium';
}

/** New criteria (no id yet) get one from their label, unique among the others. */
function withIds<T extends { id: string; label: string }>(rows: T[]): T[] {
  const used = new Set(rows.filter((r) => r.id).map((r) => r.id));
  return rows.map((r) => {
    if (r.id) return r;
    const base = slug(r.label);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return { ...r, id };
  });
}

// The form's rows: the contract's criterion with the weight typed as text ("2,5") and the label it
// had; new rows get their id on the way, then the contract's rules for the set apply.
const criteriaForm = z.object({
  criteria: criteriaRules(
    z
      .array(criterionInput.extend({ id: z.string(), original: z.string(), weight: typedNumber(criterionInput.shape.weight, 'Vikten ska vara ett tal') }))
      .min(1, 'Ange minst ett kriterium')
      .transform((rows) => withIds(rows).map(({ original: _original, ...c }) => c)),
  ),
});
type CriteriaValues = z.input<typeof criteriaForm>;

function CriteriaForm({ criteria, onCancel, onSaved }: { criteria: Criterion[]; onCancel: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const save = useEndpointMutation(saveCriteria);
  const form = useForm<CriteriaValues, unknown, z.output<typeof criteriaForm>>({
    resolver: zodResolver(criteriaForm),
    defaultValues: { criteria: criteria.map((c) => ({ id: c.id, original: c.label, label: c.label, description: c.description, weight: shownNumber(c.weight) })) },
  });
  const rows = useFieldArray({ control: form.control, name: 'criteria' });
  const errors = form.formState.errors.criteria;

  const submit = form.handleSubmit(
    (body) =>
      action.run(async () => {
        await save.mutateAsync({ body }).catch(onFields(form.setError));
        onSaved();
      }),
    () => action.setError(errors?.root?.message ?? errors?.message ?? t('Varje kriterium behöver en benämning och en vikt mellan 0 och 100.')),
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="criteria-form-heading">
      <h3 id="criteria-form-heading">{t('Ändra kriterier och vikter')}</h3>
      <p className="hint" id="criteria-form-hint">
        {t('Vikten är ett tal 0–100 (decimaler med komma). Vikten 0 tar bort kriteriet ur poängen utan att radera bedömningarna.')}
      </p>
      <ErrorMessage message={action.message} />
      <DataTable label={t('Ändra kriterier och vikter')} caption={t('Kriterier, beskrivningar och vikter')} columns={[t('Kriterium'), t('Beskrivning'), t('Vikt')]}>
        <tbody>
          {rows.fields.map((r, i) => {
            const name = r.original || t('nytt kriterium {n}', { n: i + 1 });
            const e = errors?.[i];
            return (
              <tr key={r.id}>
                <td>
                  <input
                    type="text"
                    maxLength={100}
                    aria-label={t('Benämning: {name}', { name })}
                    aria-invalid={e?.label ? true : undefined}
                    aria-describedby={e?.label ? `criteria-${i}-label-error` : undefined}
                    {...form.register(`criteria.${i}.label`)}
                  />
                  {e?.label && (
                    <p className="field-error" id={`criteria-${i}-label-error`}>
                      {e.label.message}
                    </p>
                  )}
                </td>
                <td>
                  <input
                    type="text"
                    maxLength={1000}
                    style={{ width: '100%', minWidth: '14rem' }}
                    aria-label={t('Beskrivning: {name}', { name })}
                    {...form.register(`criteria.${i}.description`)}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="decimal"
                    className="count-input"
                    aria-label={t('Vikt: {name}', { name })}
                    aria-describedby={['criteria-form-hint', e?.weight && `criteria-${i}-weight-error`].filter(Boolean).join(' ')}
                    aria-invalid={e?.weight ? true : undefined}
                    {...form.register(`criteria.${i}.weight`)}
                  />
                  {e?.weight && (
                    <p className="field-error" id={`criteria-${i}-weight-error`}>
                      {e.weight.message}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <FormButtons submitLabel={t('Spara kriterierna')} busy={action.busy} onCancel={onCancel}>
        <button type="button" className="secondary" onClick={() => rows.append({ id: '', original: '', label: '', description: '', weight: '1' })}>
          {t('Lägg till kriterium')}
        </button>
      </FormButtons>
    </form>
  );
}
