// Qualification scores per criterion.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import * as api from '../../../contracts/initiatives.ts';
import { useEndpointMutation } from '../../query.ts';
import { Control, Options } from '../../components/forms.tsx';
import { oneFormat } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { DataTable, Loading, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { Criterion } from '../../../domain/portfolio/qualification.ts';

import { CLOSED_STAGES } from '../../../domain/portfolio/initiative-policy.ts';
import { type Initiative, dateOnly, isAdmin, QualificationText, fieldErrorsOf, str, Outcome } from './shared.tsx';

// ---- Qualification -----------------------------------------------------------------------------

export function QualificationSection({ i, criteria }: { i: Initiative; criteria?: Criterion[] }) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const action = useAction();
  const setScores = useEndpointMutation(api.setScores);
  const byId = useMemo(() => new Map(i.scores.map((s) => [s.criterionId, s])), [i.scores]);
  const [draft, setDraft] = useState<Record<string, { score: string; justification: string }>>({});
  useEffect(() => {
    setDraft(Object.fromEntries((criteria ?? []).map((c) => [c.id, { score: str(byId.get(c.id)?.score), justification: byId.get(c.id)?.justification ?? '' }])));
  }, [criteria, byId]);
  if (!criteria) return <Loading />;
  const closed = CLOSED_STAGES.includes(i.stage);
  const scored = criteria.filter((c) => draft[c.id]?.score);
  const errors: Record<string, string> = {};
  for (const [path, m] of Object.entries(fieldErrorsOf(action.error))) {
    const n = /^scores\.(\d+)\.(\w+)$/.exec(path);
    if (n && scored[Number(n[1])]) errors[`${scored[Number(n[1])].id}.${n[2]}`] = m;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await setScores.mutateAsync({
        params: { id: i.id },
        body: { scores: scored.map((c) => ({ criterionId: c.id, score: Number(draft[c.id].score), justification: draft[c.id].justification })) },
      });
      return t('Bedömningen är sparad.');
    });
  };

  return (
    <Section id="qual-h" title={t('Kvalificering')}>
      <p>
        <strong>{t('Viktad poäng:')}</strong> <QualificationText q={i.qualification} />
        {i.qualification.score !== null && ` · ${t('täckning {pct} % av vikten', { pct: oneFormat.format(i.qualification.coverage * 100) })}`}
      </p>
      {i.qualification.missing.length > 0 && <p>{t('Inte bedömt: {list}', { list: i.qualification.missing.join(', ') })}</p>}
      <p className="hint">{t('Viktad poäng = Σ(vikt × poäng) / Σ(vikt) över bedömda kriterier (skala 1–5, 5 är mest fördelaktigt); procent = (poäng − 1)/4 · 100.')}</p>
      <DataTable
        label={t('Kvalificeringsbedömning')}
        caption={t('Bedömning per kriterium')}
        columns={[t('Kriterium'), { num: t('Vikt') }, { num: t('Poäng (1–5)') }, t('Motivering'), t('Bedömd')]}
      >
        <tbody>
          {criteria.map((c) => {
            const s = byId.get(c.id);
            return (
              <tr key={c.id}>
                <th scope="row">{c.label}</th>
                <td className="num">{c.weight}</td>
                <td className="num">{s?.score ?? '–'}</td>
                <td>{s?.justification ?? '–'}</td>
                <td>{s ? dateOnly(s.scoredAt) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {admin &&
        (closed ? (
          <p className="notice-info">{t('Initiativet är avslutat och kan inte bedömas.')}</p>
        ) : (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Bedöm initiativet')}>
            <h3>{t('Bedöm initiativet')}</h3>
            <Outcome action={action} />
            {criteria.map((c) => (
              <fieldset key={c.id}>
                <legend>
                  {c.label} ({t('vikt {w}', { w: c.weight })})
                </legend>
                <p className="hint">{c.description}</p>
                <div className="field-row">
                  <Control id={`score-${c.id}`} label={t('Poäng för {label}', { label: c.label })} error={errors[`${c.id}.score`]}>
                    {(a) => (
                      <select {...a} value={draft[c.id]?.score ?? ''} onChange={(e) => setDraft((d) => ({ ...d, [c.id]: { ...d[c.id], score: e.target.value } }))}>
                        <Options empty={t('Inte bedömd')} entries={[1, 2, 3, 4, 5].map((n) => [n, String(n)])} />
                      </select>
                    )}
                  </Control>
                  <Control id={`just-${c.id}`} label={t('Motivering för {label}', { label: c.label })} error={errors[`${c.id}.justification`]}>
                    {(a) => (
                      <textarea
                        {...a}
                        rows={2}
                        value={draft[c.id]?.justification ?? ''}
                        onChange={(e) => setDraft((d) => ({ ...d, [c.id]: { ...d[c.id], justification: e.target.value } }))}
                      />
                    )}
                  </Control>
                </div>
              </fieldset>
            ))}
            <button type="submit" disabled={action.busy || scored.length === 0}>
              {t('Spara bedömningen')}
            </button>
          </form>
        ))}
    </Section>
  );
}
