// The instrument library: every instrument and its versions; a version's page with a preview of the
// form exactly as each respondent type gets it (the respondent form's own question components),
// scales, groups, scoring, targets and recommendations, method and sources, the rounds that use it
// and the compatibility with another version; upload (JSON/YAML), duplicate as a draft, edit a draft.
import { Fragment, useEffect, useId, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Group, Instrument, Item, Option, Scale } from '../../domain/instruments/schema.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import * as api from '../../contracts/instruments.ts';
import { ApiError, call } from '../api.ts';
import { useAction } from '../components/hooks.ts';
import { useEndpoint, useEndpointMutation } from '../query.ts';
import { versionStatus } from '../components/instrument-version.ts';
import { ActionMessages, AsyncView, DataTable, ErrorMessage, LinkParagraph, Loading, Notice, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import { Question, ScaleHelp, sectionsOf, type RespondentForm } from './respondent.tsx';

type T = (sv: string, vars?: Record<string, string | number>) => string;

type VersionDetail = ResponseOf<typeof api.getVersion>;
type Preview = VersionDetail['previews'][number];
interface ValidationError {
  path: string;
  message: string;
}
type Compatibility = ResponseOf<typeof api.getCompatibility>['compatibility'];
type ItemCompatibility = Compatibility['items'][number]['status'];

const versionUrl = (id: string, version: string) => `/instrument/${encodeURIComponent(id)}/${encodeURIComponent(version)}`;

/** Source references as the public report is named: internal file references are left out. */
export function publicSource(text: string): string {
  return text
    .replace(/\(seeds\/\d+[^,)]*,\s*/g, '(')
    .replace(/\s*\(seeds\/\d+[^)]*\)/g, '')
    .replace(/seeds\/\d+[:,]?\s*/g, '')
    .trim();
}

function useModeLabel() {
  const { t } = useI18n();
  return (mode: Instrument['mode']) => (mode === 'survey' ? t('Enkät') : t('Självskattning'));
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <Page title={t('Instrument')}>
      <p className="error" role="alert">
        {t('Du har inte behörighet till instrumentbiblioteket.')}
      </p>
    </Page>
  );
}

function originLabel(v: { source: 'builtin' | 'import'; basedOn: string | null }, t: T): string {
  if (v.basedOn) return t('Kopia av version {v}', { v: v.basedOn });
  return v.source === 'builtin' ? t('Inbyggd') : t('Uppladdad');
}

/** Validation errors by path, as an alert; with `linked`, a path that has a field on the page links to it. */
function ErrorList({ title, errors, linked }: { title: string; errors: ValidationError[]; linked?: boolean }) {
  if (!errors.length) return null;
  const focus = (e: MouseEvent, id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    e.preventDefault();
    el.focus();
  };
  return (
    <div className="error" role="alert">
      <p>{title}</p>
      <ul className="error-list">
        {errors.map((e, i) => (
          <li key={i}>
            {linked ? (
              <a href={`#${fieldId(e.path)}`} onClick={(ev) => focus(ev, fieldId(e.path))}>
                <code>{e.path}</code>
              </a>
            ) : (
              <code>{e.path}</code>
            )}
            : {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

const errorsOf = (e: unknown): ValidationError[] =>
  e instanceof ApiError && Array.isArray(e.details) ? (e.details as ValidationError[]).filter((x) => x && typeof x.path === 'string') : [];

// ---- The list ---------------------------------------------------------------------------------

export function InstrumentsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const modeLabel = useModeLabel();
  const allowed = user?.role === 'forbundsadmin' || user?.role === 'kommunansvarig';
  const state = useEndpoint(api.listInstruments, allowed ? undefined : null);
  if (!allowed) return <Forbidden />;
  return (
    <Page title={t('Instrument')}>
      <p>
        {t('Instrumenten är de enkäter och självskattningar som mätomgångarna använder. En version som används av en mätomgång ändras aldrig; gör en kopia (ett utkast) för att ändra frågorna.')}
      </p>
      <AsyncView state={state}>
        {(d) => (
          <>
            {[...d.instruments]
              .sort((a, b) => a.title.localeCompare(b.title, 'sv'))
              .map((ins) => (
                <Section key={ins.id} id={`ins-${ins.id}`} title={ins.title}>
                  <p className="hint">
                    {modeLabel(ins.mode)} · {t('id')} <code>{ins.id}</code>
                  </p>
                  <DataTable
                    label={t('Versioner av {title}', { title: ins.title })}
                    caption={t('Versioner av {title}', { title: ins.title })}
                    columns={[t('Version'), t('Titel'), { num: t('Frågor') }, t('Ursprung'), t('Status')]}
                  >
                    <tbody>
                      {ins.versionDetails.map((v) => (
                        <tr key={v.version}>
                          <th scope="row">
                            <Link to={versionUrl(ins.id, v.version)}>{t('Version {v}', { v: v.version })}</Link>
                          </th>
                          <td>{v.title}</td>
                          <td className="num">{v.itemCount}</td>
                          <td>{originLabel(v, t)}</td>
                          <td>{versionStatus(v, t)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </DataTable>
                </Section>
              ))}
          </>
        )}
      </AsyncView>
      {user?.role === 'forbundsadmin' && <UploadForm />}
    </Page>
  );
}

function UploadForm() {
  const { t } = useI18n();
  const upload = useEndpointMutation(api.uploadInstrument);
  const fileId = useId();
  const textId = useId();
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [created, setCreated] = useState<{ id: string; version: string; result: string }>();
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const file = f.get('file');
    const pasted = String(f.get('text') ?? '');
    setErrors([]);
    setCreated(undefined);
    void action.run(async () => {
      let text = pasted;
      let filename: string | undefined;
      if (file instanceof File && file.size > 0) {
        text = await file.text();
        filename = file.name;
      }
      if (!text.trim()) throw new Error(t('Välj en fil eller klistra in en instrumentdefinition.'));
      try {
        const r = await upload.mutateAsync({ body: { text, filename } });
        setCreated({ ...r.instrument, result: r.result });
        form.reset();
      } catch (err) {
        const list = errorsOf(err);
        if (list.length) {
          setErrors(list);
          return;
        }
        throw err;
      }
    });
  };
  return (
    <Section id="upload-h" title={t('Ladda upp en ny version')}>
      <p>
        {t('Ett instrument eller en ny version laddas upp som en JSON- eller YAML-fil i samma format som de inbyggda instrumenten. Filen kontrolleras först; innehåller den fel visas varje fel med sin plats i filen och inget sparas.')}
      </p>
      <form onSubmit={submit} className="narrow-wide" noValidate>
        <div className="field">
          <label htmlFor={fileId}>{t('Fil (.json, .yaml eller .yml)')}</label>
          <input id={fileId} type="file" name="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" />
        </div>
        <div className="field">
          <label htmlFor={textId}>{t('… eller klistra in definitionen')}</label>
          <textarea id={textId} name="text" rows={6} spellCheck={false} className="code-input" />
        </div>
        <div className="button-row">
          <button type="submit" disabled={action.busy}>
            {action.busy ? t('Laddar upp…') : t('Ladda upp')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {created && (
          <p className="notice">
            {created.result === 'unchanged'
              ? t('Versionen fanns redan oförändrad.')
              : created.result === 'updated'
                ? t('Utkastet är ersatt med filens innehåll.')
                : t('Versionen är uppladdad.')}{' '}
            <Link to={versionUrl(created.id, created.version)}>{t('Visa {id} version {v}', { id: created.id, v: created.version })}</Link>
          </p>
        )}
      </div>
      <ErrorList title={t('Filen innehåller {n} fel. Inget har sparats.', { n: errors.length })} errors={errors} />
      <ActionMessages action={action} />
    </Section>
  );
}

// ---- A version --------------------------------------------------------------------------------

export function InstrumentVersionPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { id = '', version = '' } = useParams();
  const allowed = user?.role === 'forbundsadmin' || user?.role === 'kommunansvarig';
  const state = useEndpoint(api.getVersion, allowed ? { params: { id, version } } : null);
  if (!allowed) return <Forbidden />;
  if (state.error)
    return (
      <Page title={t('Instrument')}>
        <ErrorMessage message={state.error} />
        <LinkParagraph to="/instrument">{t('Tillbaka till instrumenten')}</LinkParagraph>
      </Page>
    );
  if (state.loading || !state.data) return <Loading />;
  return <VersionView d={state.data} />;
}

function VersionView({ d }: { d: VersionDetail }) {
  const { t } = useI18n();
  const { user } = useSession();
  const modeLabel = useModeLabel();
  const ins = d.instrument;
  const v = d.version;
  const admin = user?.role === 'forbundsadmin';
  return (
    <Page title={t('{title}, version {v}', { title: ins.title, v: v.version })}>
      <LinkParagraph to="/instrument">{t('Tillbaka till instrumenten')}</LinkParagraph>
      <dl className="facts facts-stack">
        <dt>{t('Instrument')}</dt>
        <dd>
          <code>{ins.id}</code>
        </dd>
        <dt>{t('Typ')}</dt>
        <dd>{modeLabel(ins.mode)}</dd>
        <dt>{t('Ursprung')}</dt>
        <dd>{originLabel(v, t)}</dd>
        <dt>{t('Status')}</dt>
        <dd>{versionStatus(v, t)}</dd>
        <dt>{t('Frågor')}</dt>
        <dd>{ins.items.length}</dd>
        {d.versions.length > 1 && (
          <>
            <dt>{t('Andra versioner')}</dt>
            <dd>
              {d.versions
                .filter((x) => x !== v.version)
                .map((x, i) => (
                  <span key={x}>
                    {i > 0 && ', '}
                    <Link to={versionUrl(ins.id, x)}>{x}</Link>
                  </span>
                ))}
            </dd>
          </>
        )}
      </dl>
      {v.editable ? (
        <p className="notice-info">
          {t('Utkast: versionen kan ändras tills en mätomgång använder den.')}{' '}
          {t('En ny mätomgång får ett utkast bara om det väljs uttryckligen i formuläret; annars tar den den senaste fastställda versionen.')}
        </p>
      ) : (
        v.lockReason && admin && <p className="notice-info">{v.lockReason}</p>
      )}
      <nav aria-label={t('På sidan')} className="page-toc">
        <ul>
          {admin && (
            <li>
              <a href="#actions-h">{t('Ändra')}</a>
            </li>
          )}
          <li>
            <a href="#preview-h">{t('Förhandsvisning')}</a>
          </li>
          <li>
            <a href="#method-h">{t('Metod och källor')}</a>
          </li>
          <li>
            <a href="#items-h">{t('Frågor, målnivåer och rekommendationer')}</a>
          </li>
          {ins.scales.length > 0 && (
            <li>
              <a href="#scales-h">{t('Skalor')}</a>
            </li>
          )}
          {(ins.groups.length > 0 || ins.dimensions.length > 0) && (
            <li>
              <a href="#groups-h">{t('Dimensioner och grupper')}</a>
            </li>
          )}
          <li>
            <a href="#scoring-h">{t('Poängsättning, gränsvärden och rekommendationer')}</a>
          </li>
          <li>
            <a href="#rounds-h">{t('Mätomgångar som använder versionen')}</a>
          </li>
          {d.versions.length > 1 && (
            <li>
              <a href="#compat-h">{t('Jämförbarhet med en annan version')}</a>
            </li>
          )}
        </ul>
      </nav>
      {admin && <VersionActions d={d} />}
      <PreviewSection d={d} />
      <MethodSection ins={ins} />
      <ItemsSection ins={ins} />
      <ScalesSection ins={ins} />
      <GroupsSection ins={ins} />
      <ScoringSection ins={ins} />
      <RoundsSection d={d} />
      {d.versions.length > 1 && <CompatibilitySection d={d} />}
    </Page>
  );
}

function VersionActions({ d }: { d: VersionDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const action = useAction();
  const versionId = useId();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const cancelDelete = () => {
    setConfirmDelete(false);
    // The confirmation disappears: focus goes back to the button that opened it.
    setTimeout(() => deleteRef.current?.focus(), 0);
  };
  const duplicate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const wanted = String(new FormData(e.currentTarget).get('version') ?? '').trim();
    void action.run(async () => {
      const r = await call(api.duplicateVersion, { params: { id: d.instrument.id, version: d.version.version }, body: wanted ? { version: wanted } : {} });
      navigate(versionUrl(r.instrument.id, r.instrument.version));
    });
  };
  const remove = () =>
    action.run(async () => {
      await call(api.deleteDraft, { params: { id: d.instrument.id, version: d.version.version } });
      navigate('/instrument');
    });
  return (
    <Section id="actions-h" title={t('Ändra')}>
      {d.version.editable && (
        <div className="button-row">
          <Link className="button" to={`${versionUrl(d.instrument.id, d.version.version)}/redigera`}>
            {t('Redigera utkastet')}
          </Link>
          {!confirmDelete ? (
            <button type="button" className="secondary" ref={deleteRef} onClick={() => setConfirmDelete(true)}>
              {t('Ta bort utkastet')}
            </button>
          ) : (
            <span role="group" aria-label={t('Bekräfta borttagning')} className="button-row">
              <span>{t('Ta bort version {v}? Det går inte att ångra.', { v: d.version.version })}</span>
              <button type="button" onClick={remove} disabled={action.busy} autoFocus>
                {t('Ja, ta bort')}
              </button>
              <button type="button" className="secondary" onClick={cancelDelete}>
                {t('Avbryt')}
              </button>
            </span>
          )}
        </div>
      )}
      <form onSubmit={duplicate} className="inline-form" noValidate>
        <div className="field">
          <label htmlFor={versionId}>{t('Version för kopian')}</label>
          <span className="hint" id={`${versionId}-hint`}>
            {t('Lämna tomt för nästa lediga version inom samma huvudversion, så att omgångarna går att jämföra.')}
          </span>
          <input id={versionId} name="version" aria-describedby={`${versionId}-hint`} maxLength={50} autoComplete="off" />
        </div>
        <button type="submit" disabled={action.busy}>
          {t('Duplicera som utkast')}
        </button>
      </form>
      <ActionMessages action={action} />
    </Section>
  );
}

// ---- Preview ----------------------------------------------------------------------------------

function PreviewSection({ d }: { d: VersionDetail }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState(0);
  const name = useId();
  const preview = d.previews[Math.min(chosen, d.previews.length - 1)];
  return (
    <Section id="preview-h" title={t('Förhandsvisning')}>
      <p>{t('Så här ser formuläret ut för respondenten. Du kan prova att svara; inget sparas.')}</p>
      {d.previews.length > 1 && (
        <fieldset className="preview-choice">
          <legend>{t('Visa formuläret som')}</legend>
          {d.previews.map((p, i) => (
            <label key={p.respondentType ?? '_none'} className="inline-check">
              <input type="radio" name={name} checked={i === chosen} onChange={() => setChosen(i)} /> {t(p.label)} ({t('{n} frågor', { n: p.instrument.items.length })})
            </label>
          ))}
        </fieldset>
      )}
      <FormPreview key={preview.respondentType ?? '_none'} preview={preview} />
    </Section>
  );
}

/** The respondent's form with the respondent page's own components; answers stay in the page. */
function FormPreview({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  const form: RespondentForm = useMemo(
    () => ({ round: { id: 0, title: preview.instrument.title, status: 'open', instrument: preview.instrument }, answers: {}, completed: false }),
    [preview],
  );
  const sections = useMemo(() => sectionsOf(form, t('Övriga frågor')), [form, t]);
  const numberOf = useMemo(() => new Map(sections.flatMap((s) => s.items).map((i, n) => [i.id, n + 1])), [sections]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <div className="form-preview" aria-label={t('Förhandsvisning för {label}', { label: t(preview.label) })} role="region">
      <p className="survey-meta">
        {preview.instrument.title} · {t(preview.label)}
      </p>
      {sections.map((s, i) => (
        <div key={s.id} className="survey-section">
          <h3>{t('Del {n} av {total}: {label}', { n: i + 1, total: sections.length, label: s.label })}</h3>
          {s.description && <p className="hint">{s.description}</p>}
          <ScaleHelp form={form} items={s.items} />
          {s.items.map((item) => (
            <Question
              key={item.id}
              form={form}
              item={item}
              number={numberOf.get(item.id) ?? 0}
              saved={undefined}
              error={errors[item.id]}
              disabled={false}
              onAnswer={() => undefined}
              onLocalError={(m) =>
                setErrors((e) => {
                  const { [item.id]: _gone, ...rest } = e;
                  return m ? { ...rest, [item.id]: m } : rest;
                })
              }
              registerFlush={() => undefined}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

// ---- Definition -------------------------------------------------------------------------------

function MethodSection({ ins }: { ins: Instrument }) {
  const { t } = useI18n();
  const notes = ins.items.filter((i) => i.sourceNote);
  return (
    <Section id="method-h" title={t('Metod och källor')}>
      {ins.description && <p>{ins.description}</p>}
      {ins.source && (
        <p>
          <strong>{t('Källa')}:</strong> {publicSource(ins.source)}
        </p>
      )}
      {notes.length > 0 && (
        <>
          <h3>{t('Anmärkningar om källan')}</h3>
          <ul className="method-notes">
            {notes.map((i) => (
              <li key={i.id}>
                <strong>{i.text}:</strong> {publicSource(i.sourceNote!)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function useTypeLabel() {
  const { t } = useI18n();
  const labels: Record<Item['type'], string> = {
    scale: t('Skala'),
    single: t('Ett val'),
    multi: t('Flerval'),
    text: t('Fritext'),
    number: t('Tal'),
    yesno_degree: t('Ja/nej med grad'),
    capability: t('Förmågenivå'),
  };
  return (type: Item['type']) => labels[type];
}

function answerLabel(ins: Instrument, item: Item, t: T): string {
  if (item.options?.length) return t('{n} egna svarsalternativ', { n: item.options.length });
  if (item.scale) return ins.scales.find((s) => s.id === item.scale)?.label ?? item.scale;
  if (item.type === 'number') return [item.min !== undefined ? `≥ ${item.min}` : '', item.max !== undefined ? `≤ ${item.max}` : '', item.unit ?? ''].filter(Boolean).join(' ') || t('Tal');
  return '–';
}

function ItemsSection({ ins }: { ins: Instrument }) {
  const { t } = useI18n();
  const typeLabel = useTypeLabel();
  const groupLabel = new Map(ins.groups.map((g) => [g.id, g.label]));
  const typeName = new Map(ins.respondentTypes.map((r) => [r.id, r.label]));
  const levelOf = (item: Item, level: number) => {
    const o = ins.scales.find((s) => s.id === item.scale)?.options.find((x) => x.value === level);
    return o ? `${level} – ${o.label}` : String(level);
  };
  return (
    <Section id="items-h" title={t('Frågor, målnivåer och rekommendationer')}>
      <DataTable
        label={t('Frågor')}
        caption={t('Instrumentets frågor i ordning')}
        columns={[{ num: t('Nr') }, t('Fråga'), t('Typ'), t('Svar'), t('Grupp'), t('Visas för'), t('Mål och rekommendation')]}
        className="items-table"
      >
        <tbody>
          {ins.items.map((item, i) => (
            <tr key={item.id}>
              <td className="num">{i + 1}</td>
              <th scope="row">
                {item.text}
                {item.description && <span className="hint block">{item.description}</span>}
                <span className="hint block">
                  {t('Kortnamn')}: {item.short} · <code>{item.id}</code>
                  {item.reversed ? ` · ${t('omvänd skala')}` : ''}
                  {item.required ? ` · ${t('obligatorisk')}` : ''}
                </span>
              </th>
              <td>{typeLabel(item.type)}</td>
              <td>{answerLabel(ins, item, t)}</td>
              <td>{item.group ? (groupLabel.get(item.group) ?? item.group) : '–'}</td>
              <td>{item.respondentTypes?.length ? item.respondentTypes.map((r) => typeName.get(r) ?? r).join(', ') : t('Alla')}</td>
              <td>
                {item.target && (
                  <span className="block">
                    {t('Målnivå')}: {levelOf(item, item.target.level)}
                    {item.target.marker === '**' ? ` (${t('kritisk förmåga')})` : item.target.marker === '*' ? ` (${t('kontinuerligt lärande')})` : ''}
                    {item.target.rationale ? `. ${item.target.rationale}` : ''}
                  </span>
                )}
                {item.recommendation && (
                  <span className="block">
                    {t('Vid Nej')}: {item.recommendation}
                  </span>
                )}
                {!item.target && !item.recommendation && '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
}

function ScalesSection({ ins }: { ins: Instrument }) {
  const { t } = useI18n();
  if (!ins.scales.length) return null;
  return (
    <Section id="scales-h" title={t('Skalor')}>
      {ins.scales.map((s) => (
        <DataTable
          key={s.id}
          label={s.label}
          caption={`${s.label} (${s.id})`}
          columns={[t('Kod'), t('Svarsalternativ'), { num: t('Värde') }, t('Beskrivning')]}
        >
          <tbody>
            {s.options.map((o) => (
              <tr key={o.code}>
                <td>
                  <code>{o.code}</code>
                </td>
                <th scope="row">{o.label}</th>
                <td className="num">{o.value === null ? t('räknas inte') : o.value}</td>
                <td>{o.description ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ))}
    </Section>
  );
}

function GroupsSection({ ins }: { ins: Instrument }) {
  const { t } = useI18n();
  if (!ins.groups.length && !ins.dimensions.length) return null;
  const dimLabel = new Map(ins.dimensions.map((d) => [d.id, d.label]));
  const count = (g: Group) => ins.items.filter((i) => i.group === g.id).length;
  return (
    <Section id="groups-h" title={t('Dimensioner och grupper')}>
      {ins.dimensions.length > 0 && (
        <dl className="facts facts-stack">
          {ins.dimensions.map((d) => (
            <Fragment key={d.id}>
              <dt>{d.label}</dt>
              <dd>{d.description ?? ins.groups.filter((g) => g.dimension === d.id).map((g) => g.label).join(', ')}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {ins.groups.length > 0 && (
        <DataTable label={t('Grupper')} caption={t('Grupper')} columns={[t('Grupp'), ins.dimensions.length ? t('Dimension') : false, { num: t('Frågor') }, t('Beskrivning')]}>
          <tbody>
            {ins.groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">{g.label}</th>
                {ins.dimensions.length > 0 && <td>{g.dimension ? (dimLabel.get(g.dimension) ?? g.dimension) : '–'}</td>}
                <td className="num">{count(g)}</td>
                <td>{g.description ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}

function ScoringSection({ ins }: { ins: Instrument }) {
  const { t } = useI18n();
  const s = ins.scoring;
  const dimLabel = new Map(ins.dimensions.map((d) => [d.id, d.label]));
  const itemText = new Map(ins.items.map((i) => [i.id, i.text]));
  const groupLabel = new Map(ins.groups.map((g) => [g.id, g.label]));
  return (
    <Section id="scoring-h" title={t('Poängsättning, gränsvärden och rekommendationer')}>
      <dl className="facts facts-stack">
        <dt>{t('Sammanvägning per kommun')}</dt>
        <dd>{s.aggregation === 'mean' ? t('Medelvärde av respondenternas svar') : t('Median av respondenternas svar')}</dd>
        <dt>{t('Minsta meningsfulla förändring')}</dt>
        <dd>{t('{n} procentenheter', { n: s.minMeaningfulChange })}</dd>
        <dt>{t('Minsta antal svar för redovisning')}</dt>
        <dd>{t('{n} svar (färre redovisas inte utanför den egna kommunen)', { n: s.suppressionMin })}</dd>
        {s.improvementMax !== undefined && (
          <>
            <dt>{t('Förbättringsområde')}</dt>
            <dd>{t('nivå {n} eller lägre', { n: s.improvementMax })}</dd>
          </>
        )}
        {s.weakMax !== undefined && (
          <>
            <dt>{t('Svag förmåga')}</dt>
            <dd>
              {t('nivå {n} eller lägre; samverkanskandidat när minst {m} kommuner är svaga', { n: s.weakMax, m: s.samverkanMinMunicipalities })}
            </dd>
          </>
        )}
      </dl>
      {s.quadrant && (
        <>
          <h3>{t('Fält A–D')}</h3>
          <p>
            {t('Vågrätt: {x} (gräns {tx} %). Lodrätt: {y} (gräns {ty} %).', {
              x: dimLabel.get(s.quadrant.x) ?? s.quadrant.x,
              tx: s.quadrant.thresholds.x,
              y: dimLabel.get(s.quadrant.y) ?? s.quadrant.y,
              ty: s.quadrant.thresholds.y,
            })}
          </p>
          <DataTable label={t('Fält A–D')} caption={t('Fälten och deras rekommendationer')} columns={[t('Fält'), t('Fas'), t('Beskrivning'), t('Rekommendationer')]}>
            <tbody>
              {(['A', 'B', 'C', 'D'] as const).map((k) => {
                const q = s.quadrant!.quadrants[k];
                return (
                  <tr key={k}>
                    <th scope="row">
                      {k}: {q.label}
                    </th>
                    <td>{q.phase}</td>
                    <td>{q.description}</td>
                    <td>
                      {q.recommendations.length ? (
                        <ul className="compact">
                          {q.recommendations.map((r, i) => (
                            <li key={i}>{r}</li>
                          ))}
                        </ul>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        </>
      )}
      {s.rules.length > 0 && (
        <DataTable label={t('Regler för rekommendationer')} caption={t('Regler för rekommendationer')} columns={[t('Gäller'), { num: t('Vid högst') }, t('Rekommendation')]}>
          <tbody>
            {s.rules.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.item ? (itemText.get(r.item) ?? r.item) : r.group ? (groupLabel.get(r.group) ?? r.group) : t('Hela instrumentet')}</th>
                <td className="num">{r.max}</td>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}

function RoundsSection({ d }: { d: VersionDetail }) {
  const { t } = useI18n();
  const status = { draft: t('Utkast'), open: t('Öppen'), closed: t('Stängd') };
  return (
    <Section id="rounds-h" title={t('Mätomgångar som använder versionen')}>
      {d.rounds.length === 0 ? (
        <p>{t('Ingen mätomgång använder versionen.')}</p>
      ) : (
        <ul>
          {d.rounds.map((r) => (
            <li key={r.id}>
              {r.accessible ? <Link to={`/matomgangar/${r.id}`}>{r.title}</Link> : r.title} ({status[r.status]}, {r.periodStart} – {r.periodEnd},{' '}
              {r.municipalityCount === 1 ? t('1 kommun') : t('{n} kommuner', { n: r.municipalityCount })})
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

// ---- Compatibility ----------------------------------------------------------------------------

function useCompatibilityLabels() {
  const { t } = useI18n();
  const status: Record<ItemCompatibility, string> = {
    same: t('Oförändrad'),
    comparable: t('Jämförbar, med ändrad text'),
    'not-comparable': t('Inte jämförbar'),
    added: t('Ny fråga'),
    removed: t('Borttagen fråga'),
  };
  const change: Record<string, string> = {
    type: t('Frågetypen har ändrats'),
    options: t('Svarsalternativen har ändrats'),
    values: t('Svarsalternativens värden har ändrats'),
    reversed: t('Skalans riktning har ändrats'),
    unit: t('Enheten har ändrats'),
    text: t('Frågetexten har ändrats'),
    short: t('Kortnamnet har ändrats'),
    description: t('Hjälptexten har ändrats'),
    optionLabels: t('Svarsalternativens texter har ändrats'),
    group: t('Frågan har flyttats till en annan grupp'),
    respondentTypes: t('Vilka respondenttyper som får frågan har ändrats'),
    recommendation: t('Rekommendationen har ändrats'),
    target: t('Målnivån har ändrats'),
  };
  return { status, change };
}

function CompatibilitySection({ d }: { d: VersionDetail }) {
  const { t } = useI18n();
  const labels = useCompatibilityLabels();
  const others = d.versions.filter((x) => x !== d.version.version);
  const [other, setOther] = useState(d.version.basedOn && others.includes(d.version.basedOn) ? d.version.basedOn : others[0]);
  const selectId = useId();
  // Always from the older to the newer version, so that "new" and "removed" read the right way.
  const [from, to] = [other, d.version.version].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true }));
  const state = useEndpoint(api.getCompatibility, { params: { id: d.instrument.id }, query: { from, to } }, { keep: true });
  return (
    <Section id="compat-h" title={t('Jämförbarhet med en annan version')}>
      <p>
        {t('En fråga kan jämföras mellan mätomgångar när den har samma id, samma frågetyp och samma svarsalternativ med samma värden. Ändrad formulering flaggas men bryter inte jämförelsen.')}
      </p>
      <div className="field narrow">
        <label htmlFor={selectId}>{t('Jämför version {v} med', { v: d.version.version })}</label>
        <select id={selectId} value={other} onChange={(e) => setOther(e.target.value)}>
          {others.map((x) => (
            <option key={x} value={x}>
              {t('Version {v}', { v: x })}
            </option>
          ))}
        </select>
      </div>
      <AsyncView state={state}>
        {({ compatibility: c }) => {
          const changed = c.items.filter((i) => i.status !== 'same');
          return (
            <div aria-live="polite">
              <p className={c.roundsComparable ? 'notice' : 'error'}>
                {c.roundsComparable ? t('Mätomgångar på de två versionerna jämförs i analysen.') : c.reason}
              </p>
              <p>
                {t('{same} oförändrade, {comparable} jämförbara med ändrad text, {not} inte jämförbara, {added} nya och {removed} borttagna frågor.', {
                  same: c.counts.same,
                  comparable: c.counts.comparable,
                  not: c.counts['not-comparable'],
                  added: c.counts.added,
                  removed: c.counts.removed,
                })}
              </p>
              {changed.length > 0 && (
                <DataTable
                  label={t('Ändrade frågor')}
                  caption={t('Frågor som skiljer sig mellan version {a} och {b}', { a: from, b: to })}
                  columns={[t('Fråga'), t('Jämförbarhet'), t('Ändringar'), t('Text i version {v}', { v: from }), t('Text i version {v}', { v: to })]}
                >
                  <tbody>
                    {changed.map((i) => (
                      <tr key={i.id} className={`compat-${i.status}`}>
                        <th scope="row">
                          <code>{i.id}</code>
                        </th>
                        <td>{labels.status[i.status]}</td>
                        <td>{i.changes.map((x) => labels.change[x] ?? x).join('; ') || '–'}</td>
                        <td>{i.before ?? '–'}</td>
                        <td>{i.after ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </div>
          );
        }}
      </AsyncView>
    </Section>
  );
}

// ---- Editing a draft --------------------------------------------------------------------------

const fieldId = (path: string) => `f-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;

export function InstrumentEditPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { id = '', version = '' } = useParams();
  const state = useEndpoint(api.getVersion, user?.role === 'forbundsadmin' ? { params: { id, version } } : null);
  if (user?.role !== 'forbundsadmin') return <Forbidden />;
  if (state.error)
    return (
      <Page title={t('Redigera utkast')}>
        <ErrorMessage message={state.error} />
      </Page>
    );
  if (state.loading || !state.data) return <Loading />;
  if (!state.data.version.editable)
    return (
      <Page title={t('Redigera utkast')}>
        <p className="error" role="alert">
          {state.data.version.lockReason ?? t('Versionen kan inte ändras.')}
        </p>
        <LinkParagraph to={versionUrl(id, version)}>{t('Tillbaka till versionen')}</LinkParagraph>
      </Page>
    );
  return <DraftEditor d={state.data} />;
}

function TextControl({
  path,
  label,
  value,
  onChange,
  multiline,
  errors,
  hint,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  multiline?: boolean;
  errors: Map<string, string>;
  hint?: string;
}) {
  const id = fieldId(path);
  const error = errors.get(path);
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = { id, value, 'aria-describedby': described, 'aria-invalid': error ? (true as const) : undefined };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {multiline ? (
        <textarea {...common} rows={Math.min(8, Math.max(2, Math.ceil(value.length / 100) + (value.match(/\n/g)?.length ?? 0)))} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function DraftEditor({ d }: { d: VersionDetail }) {
  const { t } = useI18n();
  const [def, setDef] = useState<Instrument>(() => structuredClone(d.instrument));
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [saved, setSaved] = useState<string>();
  const [focusAfterMove, setFocusAfterMove] = useState<string>();
  const action = useAction();
  const errorsRef = useRef<HTMLDivElement>(null);
  const errorMap = useMemo(() => new Map(errors.map((e) => [e.path, e.message])), [errors]);
  const typeLabel = useTypeLabel();

  // After a move the moved question's button keeps focus (or its other button, at the top or bottom).
  useEffect(() => {
    if (!focusAfterMove) return;
    document.getElementById(focusAfterMove)?.focus();
    setFocusAfterMove(undefined);
  }, [focusAfterMove]);

  const update = (fn: (draft: Instrument) => void) => {
    setSaved(undefined);
    setDef((old) => {
      const next = structuredClone(old);
      fn(next);
      return next;
    });
  };
  const setOptional = <K extends string>(obj: Partial<Record<K, string>>, key: K, v: string) => {
    if (v.trim()) obj[key] = v;
    else delete obj[key];
  };
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= def.items.length) return;
    const itemId = def.items[index].id;
    update((x) => {
      const [it] = x.items.splice(index, 1);
      x.items.splice(target, 0, it);
    });
    const atEdge = by < 0 ? target === 0 : target === def.items.length - 1;
    const button = (by < 0) !== atEdge ? 'up' : 'down';
    setFocusAfterMove(`move-${button}-${itemId}`);
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setSaved(undefined);
    void action.run(async () => {
      try {
        await call(api.updateDraft, { params: { id: d.instrument.id, version: d.version.version }, body: { definition: def } });
        setSaved(t('Utkastet är sparat.'));
      } catch (err) {
        const list = errorsOf(err);
        if (!list.length) throw err;
        setErrors(list);
        setTimeout(() => errorsRef.current?.focus(), 0);
      }
    });
  };

  const optionEditor = (options: Option[], base: string, apply: (fn: (opts: Option[]) => void) => void) =>
    options.map((o, oi) => (
      <div key={o.code} className="field-row">
        <TextControl
          path={`${base}[${oi}].label`}
          label={t('Alternativ {code}', { code: o.code })}
          value={o.label}
          errors={errorMap}
          onChange={(v) => apply((opts) => (opts[oi].label = v))}
        />
        <TextControl
          path={`${base}[${oi}].description`}
          label={t('Beskrivning av alternativ {code}', { code: o.code })}
          value={o.description ?? ''}
          errors={errorMap}
          onChange={(v) => apply((opts) => setOptional(opts[oi], 'description', v))}
        />
      </div>
    ));

  return (
    <Page title={t('Redigera {title}, version {v}', { title: d.instrument.title, v: d.version.version })}>
      <LinkParagraph to={versionUrl(d.instrument.id, d.version.version)}>{t('Tillbaka till versionen')}</LinkParagraph>
      <p>
        {t('Du ändrar ett utkast. Frågornas id, typer och svarsvärden ändras inte här: ändra dem i en fil och ladda upp den som en ny version.')}
      </p>
      <form onSubmit={save} noValidate className="draft-editor">
        <fieldset>
          <legend>{t('Instrumentet')}</legend>
          <TextControl path="title" label={t('Titel')} value={def.title} errors={errorMap} onChange={(v) => update((x) => (x.title = v))} />
          <TextControl
            path="description"
            label={t('Beskrivning')}
            value={def.description}
            multiline
            errors={errorMap}
            onChange={(v) => update((x) => (x.description = v))}
          />
        </fieldset>

        <h2>{t('Frågor')}</h2>
        {def.items.map((item, i) => (
          <fieldset key={item.id} className="question-editor">
            <legend>
              {t('Fråga {n}', { n: i + 1 })} <code>{item.id}</code> · {typeLabel(item.type)}
            </legend>
            <TextControl path={`items[${i}].text`} label={t('Frågetext')} value={item.text} multiline errors={errorMap} onChange={(v) => update((x) => (x.items[i].text = v))} />
            <TextControl
              path={`items[${i}].short`}
              label={t('Kortnamn')}
              hint={t('Högst 40 tecken. Visas i diagram, till exempel som ekrar i spindeldiagram.')}
              value={item.short}
              errors={errorMap}
              onChange={(v) => update((x) => (x.items[i].short = v))}
            />
            <TextControl
              path={`items[${i}].description`}
              label={item.type === 'yesno_degree' ? t('Fråga om grad vid Ja') : t('Hjälptext')}
              hint={item.type === 'yesno_degree' ? undefined : t('Förklara vad ett högt svar betyder.')}
              value={item.description ?? ''}
              multiline
              errors={errorMap}
              onChange={(v) => update((x) => setOptional(x.items[i], 'description', v))}
            />
            {(item.type === 'yesno_degree' || item.recommendation !== undefined) && (
              <TextControl
                path={`items[${i}].recommendation`}
                label={t('Rekommendation vid Nej')}
                value={item.recommendation ?? ''}
                multiline
                errors={errorMap}
                onChange={(v) => update((x) => setOptional(x.items[i], 'recommendation', v))}
              />
            )}
            {item.target && (
              <TextControl
                path={`items[${i}].target.rationale`}
                label={t('Motivering av målnivån')}
                value={item.target.rationale ?? ''}
                multiline
                errors={errorMap}
                onChange={(v) => update((x) => setOptional(x.items[i].target!, 'rationale', v))}
              />
            )}
            {item.options && optionEditor(item.options, `items[${i}].options`, (fn) => update((x) => fn(x.items[i].options!)))}
            <div className="button-row">
              <button
                type="button"
                id={`move-up-${item.id}`}
                className="secondary"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('Flytta upp fråga {n}', { n: i + 1 })}
              >
                {t('Flytta upp')}
              </button>
              <button
                type="button"
                id={`move-down-${item.id}`}
                className="secondary"
                disabled={i === def.items.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('Flytta ner fråga {n}', { n: i + 1 })}
              >
                {t('Flytta ner')}
              </button>
            </div>
          </fieldset>
        ))}

        {def.scales.length > 0 && <h2>{t('Skalor')}</h2>}
        {def.scales.map((s: Scale, si) => (
          <fieldset key={s.id}>
            <legend>
              {t('Skala')} <code>{s.id}</code>
            </legend>
            <TextControl path={`scales[${si}].label`} label={t('Skalans namn')} value={s.label} errors={errorMap} onChange={(v) => update((x) => (x.scales[si].label = v))} />
            {optionEditor(s.options, `scales[${si}].options`, (fn) => update((x) => fn(x.scales[si].options)))}
          </fieldset>
        ))}

        {(def.scoring.quadrant || def.scoring.rules.length > 0) && <h2>{t('Rekommendationer')}</h2>}
        {def.scoring.quadrant &&
          (['A', 'B', 'C', 'D'] as const).map((k) => (
            <TextControl
              key={k}
              path={`scoring.quadrant.quadrants.${k}.recommendations`}
              label={t('Rekommendationer för fält {k}: {label}', { k, label: def.scoring.quadrant!.quadrants[k].label })}
              hint={t('En rekommendation per rad.')}
              value={def.scoring.quadrant!.quadrants[k].recommendations.join('\n')}
              multiline
              errors={errorMap}
              onChange={(v) =>
                update(
                  (x) =>
                    (x.scoring.quadrant!.quadrants[k].recommendations = v
                      .split('\n')
                      .map((r) => r.trim())
                      .filter(Boolean)),
                )
              }
            />
          ))}
        {def.scoring.rules.map((r, ri) => (
          <TextControl
            key={ri}
            path={`scoring.rules[${ri}].text`}
            label={t('Rekommendation vid högst {max}: {target}', {
              max: r.max,
              target: r.item ? (def.items.find((i) => i.id === r.item)?.text ?? r.item) : (r.group ?? t('hela instrumentet')),
            })}
            value={r.text}
            multiline
            errors={errorMap}
            onChange={(v) => update((x) => (x.scoring.rules[ri].text = v))}
          />
        ))}

        <div ref={errorsRef} tabIndex={-1}>
          <ErrorList title={t('Utkastet innehåller {n} fel och har inte sparats.', { n: errors.length })} errors={errors} linked />
        </div>
        <ActionMessages action={action} />
        <div aria-live="polite">{saved && <Notice message={saved} />}</div>
        <div className="button-row sticky-actions">
          <button type="submit" disabled={action.busy}>
            {action.busy ? t('Sparar…') : t('Spara utkastet')}
          </button>
          <Link className="button secondary" to={versionUrl(d.instrument.id, d.version.version)}>
            {t('Till förhandsvisningen')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
