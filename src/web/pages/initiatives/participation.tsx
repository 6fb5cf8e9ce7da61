// Municipalities interested in or taking part in the initiative.
import { useState, type FormEvent } from 'react';
import * as api from '../../../contracts/initiatives.ts';
import { useEndpointMutation } from '../../query.ts';
import { SelectField } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

import { canSetParticipation, CLOSED_STAGES } from '../../../domain/portfolio/initiative-policy.ts';
import { PARTICIPATION_LABEL, type Initiative, type Municipality, canPropose, isAdmin, removeWith } from './shared.tsx';

// ---- Participation -----------------------------------------------------------------------------

export function ParticipationSection({
  i,
  municipalities,
  nameOf,
}: {
  i: Initiative;
  municipalities: Municipality[];
  nameOf: (c: string | null) => string;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const choices = admin ? municipalities : municipalities.filter((m) => user?.municipalities.includes(m.code));
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'intresserad' | 'deltar'>('deltar');
  const action = useAction();
  const setParticipation = useEndpointMutation(api.setParticipation);
  const removeParticipation = useEndpointMutation(api.removeParticipation);
  const closed = CLOSED_STAGES.includes(i.stage);
  const mayChange = (c: string) => canSetParticipation(user ?? null, c);
  const selected = code || choices[0]?.code || '';
  const remove = (c: string) =>
    removeWith(action, () => removeParticipation.mutateAsync({ params: { id: i.id, code: c } }), t('Anmälan för {name} är borttagen.', { name: nameOf(c) }), 'part-h');
  const sorted = [...i.participations].sort((a, b) => (a.kind === b.kind ? nameOf(a.municipality).localeCompare(nameOf(b.municipality), 'sv') : a.kind === 'deltar' ? -1 : 1));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await setParticipation.mutateAsync({ params: { id: i.id, code: selected }, body: { kind } });
      return kind === 'deltar'
        ? t('{name} deltar i initiativet.', { name: nameOf(selected) })
        : t('{name} är anmäld som intresserad.', { name: nameOf(selected) });
    });
  };

  return (
    <Section id="part-h" title={t('Deltagande kommuner')}>
      <ActionMessages action={action} />
      {sorted.length === 0 ? (
        <p>{t('Ingen kommun har anmält intresse eller deltagande ännu.')}</p>
      ) : (
        <DataTable
          label={t('Deltagande kommuner')}
          caption={t('Kommuner som deltar ({p}) eller är intresserade ({i})', { p: i.participating.length, i: i.interested.length })}
          columns={[t('Kommun'), t('Anmälan'), !closed && canPropose(user) && t('Åtgärd')]}
        >
          <tbody>
            {sorted.map((p) => (
              <tr key={p.municipality}>
                <th scope="row">{nameOf(p.municipality)}</th>
                <td>{t(PARTICIPATION_LABEL[p.kind] ?? p.kind)}</td>
                {!closed && canPropose(user) && (
                  <td>
                    {mayChange(p.municipality) ? (
                      <button type="button" className="secondary" aria-disabled={action.busy || undefined} onClick={() => remove(p.municipality)}>
                        {t('Ta bort anmälan')} <span className="visually-hidden">{t('för {name}', { name: nameOf(p.municipality) })}</span>
                      </button>
                    ) : (
                      '–'
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {closed ? (
        <p className="notice-info">{t('Initiativet är avslutat; deltagandet kan inte ändras.')}</p>
      ) : (
        canPropose(user) &&
        choices.length > 0 && (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Anmäl intresse eller deltagande')}>
            <h3>{t('Anmäl intresse eller deltagande')}</h3>
            {!admin && <p className="hint">{t('Du kan anmäla din egen kommun.')}</p>}
            <div className="field-row">
              <SelectField label={t('Kommun')} value={selected} onChange={(e) => setCode(e.target.value)} entries={choices.map((m) => [m.code, m.name])} />
              <fieldset>
                <legend>{t('Anmälan')}</legend>
                {(['deltar', 'intresserad'] as const).map((k) => (
                  <label key={k} className="inline-check">
                    <input type="radio" name="participation-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(PARTICIPATION_LABEL[k])}
                  </label>
                ))}
              </fieldset>
            </div>
            <button type="submit" disabled={action.busy || !selected}>
              {t('Spara anmälan')}
            </button>
          </form>
        )
      )}
    </Section>
  );
}
