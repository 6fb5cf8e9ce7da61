// Shared by the initiative pages: labels, the contract's types, small components and helpers.
import { type ReactNode } from 'react';
import * as api from '../../../contracts/initiatives.ts';
import type { ResponseOf } from '../../../contracts/endpoint.ts';
import { ApiError } from '../../api.ts';
import { fixed2Format, oneFormat } from '../../components/format.ts';
import type { useAction } from '../../components/hooks.ts';
import { ErrorMessage, Loading, Notice } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { type User } from '../../session.tsx';
import type { WeightedScore } from '../../../domain/portfolio/qualification.ts';
import { COLLABORATION_FORM_LABELS, FUNDING_SOURCE_LABELS, PARTICIPATION_LABELS, REPORT_STATUS_LABELS, SCOPE_LABELS, STAGE_LABELS, type LinkKind, type Stage } from '../../../domain/portfolio/types.ts';

// Labels of the API's codes (Swedish; `t` translates them). Strings index them: unknown codes show as they are.
export const STAGE_LABEL: Record<string, string> = STAGE_LABELS;
export const SCOPE_LABEL: Record<string, string> = SCOPE_LABELS;
export const FORM_LABEL: Record<string, string> = COLLABORATION_FORM_LABELS;
export const FUNDING_LABEL: Record<string, string> = FUNDING_SOURCE_LABELS;
export const PARTICIPATION_LABEL: Record<string, string> = PARTICIPATION_LABELS;
export const REPORT_STATUS_LABEL: Record<string, string> = REPORT_STATUS_LABELS;
export const LINK_LABEL: Record<LinkKind, string> = { formaga: 'Förmåga', utmaning: 'Utmaning' };
export const ACTOR_KIND_LABEL: Record<string, string> = {
  akademi: 'Akademi',
  naringsliv: 'Näringsliv',
  natverk: 'Nätverk',
  region: 'Region',
  ovrigt: 'Övrigt',
};

export type Detail = ResponseOf<typeof api.getInitiative>;
export type Initiative = Detail['initiative'];
export type LogEntry = ResponseOf<typeof api.getInitiativeLog>['log'][number];
export type FollowUp = Detail['followUp'];

export interface Municipality {
  code: string;
  name: string;
}

// ---- Formatting and small helpers ---------------------------------------------------------------

export const dateTime = (iso: string) => new Date(iso).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' });
export const dateOnly = (iso: string) => new Date(iso).toLocaleDateString('sv-SE');

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  return <span className="status-tag">{t(STAGE_LABEL[stage] ?? stage)}</span>;
}

/** Like AsyncView, but keeps showing the data while it is fetched again (so the page and its messages stay). */
export function KeepView<T>({ state, children }: { state: { data?: T; error?: string; loading: boolean }; children: (d: T) => ReactNode }) {
  if (state.data === undefined) return state.error ? <ErrorMessage message={state.error} /> : <Loading />;
  return (
    <>
      {state.error && <ErrorMessage message={state.error} />}
      {children(state.data)}
    </>
  );
}

export const canPropose = (u?: User) => u?.role === 'forbundsadmin' || u?.role === 'kommunansvarig';
export const isAdmin = (u?: User) => u?.role === 'forbundsadmin';

/** A weighted qualification score: "3,55 av 5 (63,6 %)", or "–". */
export function QualificationText({ q }: { q: WeightedScore }) {
  const { t } = useI18n();
  if (q.score === null) return <>{t('Ej bedömd')}</>;
  return (
    <>
      {t('{score} av 5 ({pct} %)', { score: fixed2Format.format(q.score), pct: oneFormat.format(q.percent ?? 0) })}
      {!q.complete && ` – ${t('delvis bedömd')}`}
    </>
  );
}

/** Field-level messages from a 400: the API's details [{path, message}] or "Ogiltig indata: path: message". */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError) || e.status !== 400) return out;
  if (Array.isArray(e.details)) {
    for (const d of e.details as Array<{ path?: string; message?: string }>) if (d.path && d.message && !out[d.path]) out[d.path] = d.message;
  } else {
    const m = /^Ogiltig indata: ([A-Za-z0-9_.]+): (.+)$/.exec(e.message);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

export const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/**
 * A number typed by the user: blank → null, "800 000" or "2,5" → a number; anything else is sent as
 * typed so that the server answers with its Swedish message for that field.
 */
export function numberOf(s: string): number | string | null {
  const v = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : s;
}

/** Moves focus to an element by id (a heading gets tabindex -1), e.g. when the focused control went away. */
export function focusById(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
  el.focus();
}

/** Removes something as `action` (`remove` calls the endpoint); `done` confirms it. Focus moves to `focusAfter` (the section's heading), since the row and its button go. */
export const removeWith = (action: ReturnType<typeof useAction>, remove: () => Promise<unknown>, done: string, focusAfter?: string) =>
  action.busy
    ? Promise.resolve()
    : action.run(async () => {
        await remove();
        if (focusAfter) focusById(focusAfter);
        return done;
      });

/** An action's error in an alert box (`children` after its message), then its confirmation. */
export function Outcome({ action, children }: { action: ReturnType<typeof useAction>; children?: ReactNode }) {
  return (
    <>
      {action.error !== undefined && (
        <div className="error" role="alert">
          <p>{action.message}</p>
          {children}
        </div>
      )}
      <Notice message={action.msg} />
    </>
  );
}
