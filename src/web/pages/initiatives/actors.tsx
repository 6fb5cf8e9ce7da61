// Other actors (academia, business, networks) and their role.
import { useState } from 'react';
import * as api from '../../../contracts/initiatives.ts';
import { ACTOR_KINDS } from '../../../domain/portfolio/initiative-schema.ts';
import { useEndpointMutation } from '../../query.ts';
import { Field, SelectField } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

import { ACTOR_KIND_LABEL, type Initiative, isAdmin, removeWith } from './shared.tsx';

// ---- Other actors ------------------------------------------------------------------------------

export function ActorsSection({
  i,
  actors,
}: {
  i: Initiative;
  actors: Array<{ id: number; name: string; kind: string }>;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const action = useAction();
  const setActor = useEndpointMutation(api.setActor);
  const removeActor = useEndpointMutation(api.removeActor);
  const createActor = useEndpointMutation(api.createActor);
  const [actorId, setActorId] = useState('');
  const [role, setRole] = useState('');
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState('ovrigt');
  const available = actors.filter((a) => !i.actors.some((x) => x.id === a.id));
  const remove = (a: Initiative['actors'][number]) =>
    removeWith(action, () => removeActor.mutateAsync({ params: { id: i.id, actorId: a.id } }), t('{name} är borttagen ur initiativet.', { name: a.name }), 'actors-h');
  const selected = actorId && available.some((a) => String(a.id) === actorId) ? actorId : String(available[0]?.id ?? '');

  return (
    <Section id="actors-h" title={t('Andra aktörer')}>
      <ActionMessages action={action} />
      {i.actors.length === 0 ? (
        <p>{t('Inga andra aktörer deltar.')}</p>
      ) : (
        <DataTable
          label={t('Andra aktörer')}
          caption={t('Andra aktörer i initiativet ({n})', { n: i.actors.length })}
          columns={[t('Aktör'), t('Typ'), t('Roll i initiativet'), admin && t('Åtgärd')]}
        >
          <tbody>
            {i.actors.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{t(ACTOR_KIND_LABEL[a.kind] ?? a.kind)}</td>
                <td>{a.role || '–'}</td>
                {admin && (
                  <td>
                    <button type="button" className="secondary" aria-disabled={action.busy || undefined} onClick={() => remove(a)}>
                      {t('Ta bort')} <span className="visually-hidden">{a.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {admin && (
        <>
          {available.length > 0 && (
            <form
              className="narrow-wide"
              noValidate
              aria-label={t('Lägg till en aktör')}
              onSubmit={(e) => {
                e.preventDefault();
                action.run(async () => {
                  await setActor.mutateAsync({ params: { id: i.id, actorId: Number(selected) }, body: { role } });
                  setRole('');
                  return t('Aktören är tillagd.');
                });
              }}
            >
              <div className="field-row">
                <SelectField label={t('Aktör')} value={selected} onChange={(e) => setActorId(e.target.value)} entries={available.map((a) => [a.id, a.name])} />
                <Field label={t('Roll i initiativet (valfritt)')} type="text" value={role} onChange={(e) => setRole(e.target.value)} />
              </div>
              <button type="submit" disabled={action.busy || !selected}>
                {t('Lägg till aktören')}
              </button>
            </form>
          )}
          <details>
            <summary>{t('Registrera en ny aktör')}</summary>
            <form
              className="narrow-wide"
              noValidate
              aria-label={t('Registrera en ny aktör')}
              onSubmit={(e) => {
                e.preventDefault();
                action.run(async () => {
                  const r = await createActor.mutateAsync({ body: { name: newName, kind: newKind as (typeof ACTOR_KINDS)[number] } });
                  setNewName('');
                  setActorId(String(r.actor.id));
                  return t('{name} är registrerad och kan läggas till.', { name: r.actor.name });
                });
              }}
            >
              <div className="field-row">
                <Field label={t('Aktörens namn')} type="text" value={newName} onChange={(e) => setNewName(e.target.value)} />
                <SelectField
                  label={t('Typ')}
                  value={newKind}
                  onChange={(e) => setNewKind(e.target.value)}
                  entries={Object.entries(ACTOR_KIND_LABEL).map(([id, label]) => [id, t(label)])}
                />
              </div>
              <button type="submit" className="secondary" disabled={action.busy}>
                {t('Registrera aktören')}
              </button>
            </form>
          </details>
        </>
      )}
    </Section>
  );
}
