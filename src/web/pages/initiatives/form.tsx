// The initiative form (new and edit): fields, rows of links, funding, risks and documents.
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import * as api from '../../../contracts/initiatives.ts';
import type { BodyIn } from '../../../contracts/endpoint.ts';
import { ApiError } from '../../api.ts';
import { Control, FormButtons, Options } from '../../components/forms.tsx';
import { useAction, useOrganisation } from '../../components/hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { type User } from '../../session.tsx';
import { type LinkKind } from '../../../domain/portfolio/types.ts';

import { SCOPE_LABEL, FORM_LABEL, FUNDING_LABEL, LINK_LABEL, type Initiative, type Municipality, isAdmin, fieldErrorsOf, str, numberOf } from './shared.tsx';

// ---- The initiative form (new and edit) ---------------------------------------------------------

interface FormState {
  title: string;
  description: string;
  need: string;
  area: string;
  scope: string;
  origin: string;
  proposingMunicipality: string;
  collaborationForm: string;
  qualitative: string;
  economic: string;
  operational: string;
  hoursPerYear: string;
  sekPerYear: string;
  estimatedCost: string;
  startYear: string;
  endYear: string;
  links: Array<{ kind: LinkKind; label: string; instrumentId?: string; itemId?: string }>;
  fundingSources: Array<{ source: string; amount: string; note: string }>;
  risks: Array<{ description: string; probability: string; consequence: string }>;
  documents: Array<{ title: string; url: string }>;
}

export function formStateOf(i?: Initiative, proposing = ''): FormState {
  return {
    title: i?.title ?? '',
    description: i?.description ?? '',
    need: i?.need ?? '',
    area: i?.area ?? '',
    scope: i?.scope ?? 'delregional',
    origin: i?.origin ?? '',
    proposingMunicipality: i ? (i.proposingMunicipality ?? '') : proposing,
    collaborationForm: i?.collaborationForm ?? '',
    qualitative: i?.benefits.qualitative ?? '',
    economic: i?.benefits.economic ?? '',
    operational: i?.benefits.operational ?? '',
    hoursPerYear: str(i?.benefits.hoursPerYear),
    sekPerYear: str(i?.benefits.sekPerYear),
    estimatedCost: str(i?.estimatedCost),
    startYear: str(i?.startYear),
    endYear: str(i?.endYear),
    links: i?.links.map((l) => ({ ...l })) ?? [],
    fundingSources: i?.fundingSources.map((f) => ({ source: f.source, amount: str(f.amount), note: f.note })) ?? [],
    risks: i?.risks.map((r) => ({ description: r.description, probability: str(r.probability), consequence: str(r.consequence) })) ?? [],
    documents: i?.documents.map((d) => ({ ...d })) ?? [],
  };
}

/** The form's fields as the API takes them. */
type FormBody = BodyIn<typeof api.createInitiative>;

/** What was typed goes as it is (a number where it is one): the server's Swedish message names a wrong value beside its field. */
function bodyOf(f: FormState): FormBody {
  return {
    title: f.title,
    description: f.description,
    need: f.need,
    area: f.area || null,
    scope: f.scope,
    origin: f.origin,
    proposingMunicipality: f.proposingMunicipality || null,
    collaborationForm: f.collaborationForm || null,
    benefits: {
      qualitative: f.qualitative,
      economic: f.economic,
      operational: f.operational,
      hoursPerYear: numberOf(f.hoursPerYear),
      sekPerYear: numberOf(f.sekPerYear),
    },
    estimatedCost: numberOf(f.estimatedCost),
    startYear: numberOf(f.startYear),
    endYear: numberOf(f.endYear),
    links: f.links.filter((l) => l.label.trim()),
    fundingSources: f.fundingSources.map((s) => ({ source: s.source, amount: numberOf(s.amount), note: s.note })),
    risks: f.risks
      .filter((r) => r.description.trim() || r.probability || r.consequence)
      .map((r) => ({ description: r.description, probability: numberOf(r.probability), consequence: numberOf(r.consequence) })),
    documents: f.documents.filter((d) => d.title.trim() || d.url.trim()),
  } as FormBody;
}

type RowKey = 'links' | 'fundingSources' | 'risks' | 'documents';

const fid = (path: string) => `init-${path.replace(/\./g, '-')}`;

/** A fieldset of repeated rows, one per item, and a button that adds one; `empty` shows while there are none. */
function RowGroup<R>({
  legend,
  empty,
  before,
  rows,
  addLabel,
  onAdd,
  children,
}: {
  legend: string;
  empty?: string;
  before?: ReactNode;
  rows: R[];
  addLabel: string;
  onAdd: () => void;
  children: (row: R, i: number) => ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {before}
      {empty !== undefined && rows.length === 0 && <p className="hint">{empty}</p>}
      {rows.map((r, i) => (
        <Fragment key={i}>{children(r, i)}</Fragment>
      ))}
      <button type="button" className="secondary row-add" onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}

/** Removes a row of a repeated group in the form; `what` completes the button's accessible name. */
function RemoveButton({ onClick, what }: { onClick: () => void; what: string }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <button
        type="button"
        className="secondary"
        onClick={(e) => {
          // The row and this button go away: focus moves to the group's "Lägg till …" button first.
          e.currentTarget.closest('fieldset')?.querySelector<HTMLElement>(':scope > .row-add')?.focus();
          onClick();
        }}
      >
        {t('Ta bort')} <span className="visually-hidden">{what}</span>
      </button>
    </div>
  );
}

export function InitiativeForm({
  initial,
  submitLabel,
  proposingChoices,
  allowNoProposing,
  onSave,
  onCancel,
  onReload,
}: {
  initial: FormState;
  submitLabel: string;
  proposingChoices: Municipality[];
  allowNoProposing: boolean;
  onSave: (body: FormBody) => Promise<void>;
  onCancel?: () => void;
  /** Offered after a 409 (someone else changed the initiative): fetch it again, dropping these edits. */
  onReload?: () => void;
}) {
  const { t } = useI18n();
  const org = useOrganisation();
  const [f, setF] = useState<FormState>(initial);
  const action = useAction();
  const error = action.error;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = fieldErrorsOf(error);
  const errors = { ...serverErrors, ...clientErrors };
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((s) => ({ ...s, [k]: v }));
  const setRow = <K extends RowKey>(k: K, i: number, patchRow: Partial<FormState[K][number]>) =>
    setF((s) => ({ ...s, [k]: (s[k] as Array<FormState[K][number]>).map((r, j) => (j === i ? { ...r, ...patchRow } : r)) }));
  const removeRow = (k: RowKey, i: number) =>
    setF((s) => ({ ...s, [k]: (s[k] as unknown[]).filter((_, j) => j !== i) }));
  /** A Control's id, label, hint and error for the field at `path` (the API's path, e.g. "links.0.label"). */
  const at = (path: string, label: string, hint?: string) => ({ id: fid(path), label, hint, error: errors[path] });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (action.busy) return;
    const local: Record<string, string> = {};
    if (f.title.trim().length < 3) local.title = t('Ange ett namn på minst 3 tecken.');
    setClientErrors(local);
    action.setError(undefined);
    if (Object.keys(local).length) {
      document.getElementById(fid('title'))?.focus();
      return;
    }
    await action.run(() => onSave(bodyOf(f)));
  };

  const text = (path: keyof FormState & string, label: string, opts: { hint?: string; multiline?: boolean; inputMode?: 'numeric' } = {}) => (
    <Control {...at(path, label, opts.hint)}>
      {(a) =>
        opts.multiline ? (
          <textarea {...a} rows={3} value={f[path] as string} onChange={(e) => set(path, e.target.value as never)} />
        ) : (
          <input {...a} type="text" inputMode={opts.inputMode} value={f[path] as string} onChange={(e) => set(path, e.target.value as never)} />
        )
      }
    </Control>
  );
  /** A text input of row `i` of a repeated group. */
  const rowText = (k: RowKey, i: number, field: string, label: string, opts: { hint?: string; type?: 'url'; inputMode?: 'numeric' } = {}) => (
    <Control {...at(`${k}.${i}.${field}`, label, opts.hint)}>
      {(a) => (
        <input
          {...a}
          type={opts.type ?? 'text'}
          inputMode={opts.inputMode}
          value={(f[k][i] as Record<string, string>)[field]}
          onChange={(e) => setRow(k, i, { [field]: e.target.value })}
        />
      )}
    </Control>
  );
  const benefitPath = (k: 'qualitative' | 'economic' | 'operational' | 'hoursPerYear' | 'sekPerYear') => `benefits.${k}`;
  const benefitText = (k: 'qualitative' | 'economic' | 'operational' | 'hoursPerYear' | 'sekPerYear', label: string, hint?: string, numeric = false) => (
    <Control {...at(benefitPath(k), label, hint)}>
      {(a) =>
        numeric ? (
          <input {...a} type="text" inputMode="numeric" value={f[k]} onChange={(e) => set(k, e.target.value)} />
        ) : (
          <textarea {...a} rows={2} value={f[k]} onChange={(e) => set(k, e.target.value)} />
        )
      }
    </Control>
  );
  const listErrors = Object.entries(errors);

  return (
    <form onSubmit={submit} className="narrow-wide" noValidate aria-label={submitLabel}>
      {(error !== undefined || Object.keys(clientErrors).length > 0) && (
        <div className="error" role="alert">
          <p>{error instanceof Error ? error.message : t('Formuläret innehåller fel. Rätta fälten nedan.')}</p>
          {listErrors.length > 0 && (
            <ul>
              {listErrors.map(([path, m]) => (
                <li key={path}>
                  <a href={`#${fid(path)}`}>{m}</a>
                </li>
              ))}
            </ul>
          )}
          {error instanceof ApiError && error.status === 409 && onReload && (
            <>
              <p>{t('Dina ändringar är inte sparade. Ladda om initiativet för att se den senaste versionen och gör om ändringen.')}</p>
              <button type="button" onClick={onReload}>
                {t('Ladda om initiativet')}
              </button>
            </>
          )}
        </div>
      )}
      <p className="hint">{t('Fält markerade (obligatoriskt) måste fyllas i. Övriga uppgifter kan kompletteras senare; varje steg i portföljen kräver sina uppgifter.')}</p>
      <fieldset>
        <legend>{t('Initiativet')}</legend>
        {text('title', t('Namn på initiativet (obligatoriskt)'), { hint: t('Minst 3 tecken.') })}
        {text('description', t('Beskrivning'), { multiline: true })}
        {text('need', t('Behov eller problem'), { multiline: true, hint: t('Vilket behov eller problem ska initiativet lösa?') })}
        <div className="field-row">
          <Control {...at('area', t('Verksamhetsområde'))}>
            {(a) => (
              <select {...a} value={f.area} onChange={(e) => set('area', e.target.value)}>
                <Options empty={t('Inte angivet')} entries={org.areas.map((x) => [x.id, x.name])} />
              </select>
            )}
          </Control>
          <Control {...at('scope', t('Omfattning'))}>
            {(a) => (
              <select {...a} value={f.scope} onChange={(e) => set('scope', e.target.value)}>
                <Options entries={Object.entries(SCOPE_LABEL).map(([id, label]) => [id, t(label)])} />
              </select>
            )}
          </Control>
        </div>
        <div className="field-row">
          <Control {...at('proposingMunicipality', t('Föreslagande kommun'), allowNoProposing ? undefined : t('Du kan föreslå initiativ för din egen kommun.'))}>
            {(a) => (
              <select {...a} value={f.proposingMunicipality} onChange={(e) => set('proposingMunicipality', e.target.value)}>
                <Options empty={allowNoProposing ? t('Ingen (förbundet)') : undefined} entries={proposingChoices.map((m) => [m.code, m.name])} />
              </select>
            )}
          </Control>
          <Control {...at('collaborationForm', t('Samverkansform'))}>
            {(a) => (
              <select {...a} value={f.collaborationForm} onChange={(e) => set('collaborationForm', e.target.value)}>
                <Options empty={t('Inte angiven')} entries={Object.entries(FORM_LABEL).map(([id, label]) => [id, t(label)])} />
              </select>
            )}
          </Control>
        </div>
        {text('origin', t('Ursprung'), { hint: t('Till exempel SKR:s Handslag eller VästKom (valfritt).') })}
        <div className="field-row">
          {text('startYear', t('Startår'), { inputMode: 'numeric', hint: t('Till exempel 2025') })}
          {text('endYear', t('Slutår'), { inputMode: 'numeric' })}
        </div>
      </fieldset>

      <RowGroup
        legend={t('Kopplade förmågor och utmaningar')}
        empty={t('Inga kopplade förmågor eller utmaningar.')}
        rows={f.links}
        addLabel={t('Lägg till förmåga eller utmaning')}
        onAdd={() => set('links', [...f.links, { kind: 'formaga', label: '' }])}
      >
        {(l, i) => (
          <div className="field-row">
            <Control {...at(`links.${i}.kind`, t('Typ (rad {n})', { n: i + 1 }))}>
              {(a) => (
                <select {...a} value={l.kind} onChange={(e) => setRow('links', i, { kind: e.target.value as LinkKind })}>
                  <Options entries={(Object.keys(LINK_LABEL) as LinkKind[]).map((k) => [k, t(LINK_LABEL[k])])} />
                </select>
              )}
            </Control>
            {rowText('links', i, 'label', t('Förmåga eller utmaning (rad {n})', { n: i + 1 }))}
            <RemoveButton onClick={() => removeRow('links', i)} what={t('kopplingen på rad {n}', { n: i + 1 })} />
          </div>
        )}
      </RowGroup>

      <fieldset>
        <legend>{t('Förväntad nytta')}</legend>
        {benefitText('qualitative', t('Kvalitativ nytta'))}
        {benefitText('economic', t('Ekonomisk nytta'))}
        {benefitText('operational', t('Operationell nytta'))}
        <div className="field-row">
          {benefitText('hoursPerYear', t('Frigjord tid, timmar per år'), t('Heltal, till exempel 2000'), true)}
          {benefitText('sekPerYear', t('Ekonomisk nytta, kronor per år'), t('Hela kronor, till exempel 250 000'), true)}
        </div>
      </fieldset>

      <RowGroup
        legend={t('Kostnad och finansiering')}
        before={text('estimatedCost', t('Uppskattad kostnad, kronor'), { inputMode: 'numeric', hint: t('Hela kronor, till exempel 800 000') })}
        rows={f.fundingSources}
        addLabel={t('Lägg till finansieringskälla')}
        onAdd={() => set('fundingSources', [...f.fundingSources, { source: 'egen', amount: '', note: '' }])}
      >
        {(s, i) => (
          <div className="field-row">
            <Control {...at(`fundingSources.${i}.source`, t('Finansieringskälla (rad {n})', { n: i + 1 }))}>
              {(a) => (
                <select {...a} value={s.source} onChange={(e) => setRow('fundingSources', i, { source: e.target.value })}>
                  <Options entries={Object.entries(FUNDING_LABEL).map(([id, label]) => [id, t(label)])} />
                </select>
              )}
            </Control>
            {rowText('fundingSources', i, 'amount', t('Belopp, kronor (rad {n})', { n: i + 1 }), { inputMode: 'numeric' })}
            {rowText('fundingSources', i, 'note', t('Anteckning (rad {n})', { n: i + 1 }))}
            <RemoveButton onClick={() => removeRow('fundingSources', i)} what={t('finansieringskällan på rad {n}', { n: i + 1 })} />
          </div>
        )}
      </RowGroup>

      <RowGroup
        legend={t('Risker')}
        empty={t('Inga identifierade risker.')}
        rows={f.risks}
        addLabel={t('Lägg till risk')}
        onAdd={() => set('risks', [...f.risks, { description: '', probability: '', consequence: '' }])}
      >
        {(r, i) => (
          <div>
            {rowText('risks', i, 'description', t('Risk (rad {n})', { n: i + 1 }))}
            <div className="field-row">
              {(['probability', 'consequence'] as const).map((k) => (
                <Control
                  key={k}
                  {...at(`risks.${i}.${k}`, k === 'probability' ? t('Sannolikhet 1–4 (rad {n})', { n: i + 1 }) : t('Konsekvens 1–4 (rad {n})', { n: i + 1 }))}
                >
                  {(a) => (
                    <select {...a} value={r[k]} onChange={(e) => setRow('risks', i, { [k]: e.target.value })}>
                      <Options empty={t('Inte bedömd')} entries={[1, 2, 3, 4].map((n) => [n, String(n)])} />
                    </select>
                  )}
                </Control>
              ))}
              <RemoveButton onClick={() => removeRow('risks', i)} what={t('risken på rad {n}', { n: i + 1 })} />
            </div>
          </div>
        )}
      </RowGroup>

      <RowGroup
        legend={t('Dokument och länkar')}
        empty={t('Inga dokument.')}
        rows={f.documents}
        addLabel={t('Lägg till dokument')}
        onAdd={() => set('documents', [...f.documents, { title: '', url: '' }])}
      >
        {(_d, i) => (
          <div className="field-row">
            {rowText('documents', i, 'title', t('Dokumentets titel (rad {n})', { n: i + 1 }))}
            {rowText('documents', i, 'url', t('Webbadress (rad {n})', { n: i + 1 }), { type: 'url', hint: t('Börjar med https://') })}
            <RemoveButton onClick={() => removeRow('documents', i)} what={t('dokumentet på rad {n}', { n: i + 1 })} />
          </div>
        )}
      </RowGroup>

      <FormButtons submitLabel={submitLabel} busy={action.busy} onCancel={onCancel} />
    </form>
  );
}

/** Municipalities the user may name as proposing: all for the association, the own ones for a key user. */
export function proposingChoicesOf(user: User | undefined, list: Municipality[]): Municipality[] {
  if (isAdmin(user)) return list;
  return list.filter((m) => user?.municipalities.includes(m.code));
}
