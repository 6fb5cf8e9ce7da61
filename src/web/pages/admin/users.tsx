// Administration → Konton: accounts, roles and municipalities.
import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../domain/accounts.ts';
import { createUser, listUsers, updateUser } from '../../../contracts/accounts.ts';
import { ROLES } from '../../../domain/organisation.ts';
import { Field, Options, SelectField } from '../../components/forms.tsx';
import { useAction, useMunicipalities } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { ROLE_LABEL, type Role, type User } from '../../session.tsx';

export function UsersPage() {
  const { t } = useI18n();
  const users = useEndpoint(listUsers, undefined);
  const { list: municipalities, nameOf, loading: municipalitiesLoading } = useMunicipalities();
  const create = useEndpointMutation(createUser);
  const update = useEndpointMutation(updateUser);
  const action = useAction();
  const [role, setRole] = useState<Role>('kommunansvarig');

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (name: string) => String(f.get(name) ?? '');
    void action.run(async () => {
      const r = await create.mutateAsync({
        body: { email: text('email'), name: text('name'), password: text('password'), role, municipalities: f.getAll('municipalities').map(String) },
      });
      form.reset();
      return t('Kontot {email} är skapat.', { email: r.user.email });
    });
  };

  const changeRole = (u: User, newRole: Role) =>
    action.run(async () => {
      await update.mutateAsync({ params: { id: u.id }, body: { role: newRole } });
      return t('Rollen för {email} är ändrad.', { email: u.email });
    });

  return (
    <Page title={t('Konton')}>
      <ActionMessages action={action} />
      <AsyncView state={users}>
        {(d) => (
          <DataTable caption={t('Konton')} columns={[t('Namn'), t('E-postadress'), t('Roll'), t('Kommuner')]}>
            <tbody>
              {d.users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {u.name} {u.isDemo && <span className="tag">DEMO</span>}
                  </th>
                  <td>{u.email}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                      {t('Roll')} {u.name}
                    </label>
                    <select id={`role-${u.id}`} value={u.role} onChange={(e) => changeRole(u, e.target.value as Role)}>
                      <Options entries={ROLES.map((r) => [r, t(ROLE_LABEL[r])])} />
                    </select>
                  </td>
                  <td>{u.municipalities.map(nameOf).join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </AsyncView>
      <h2>{t('Skapa konto')}</h2>
      <form onSubmit={submit} className="narrow" noValidate>
        <Field label={t('Namn')} name="name" required autoComplete="off" />
        <Field label={t('E-postadress')} name="email" type="email" required autoComplete="off" />
        <Field label={t('Lösenord')} hint={t('Minst {n} tecken', { n: MIN_PASSWORD_LENGTH })} name="password" type="password" required autoComplete="new-password" />
        <SelectField label={t('Roll')} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} entries={ROLES.map((r) => [r, t(ROLE_LABEL[r])])} />
        {role === 'kommunansvarig' && (
          <fieldset>
            <legend>{t('Kommuner')}</legend>
            <AsyncView state={{ data: municipalities, loading: municipalitiesLoading }}>
              {(list) => (
                <div className="checkbox-grid">
                  {list.map((m) => (
                    <label key={m.code}>
                      <input type="checkbox" name="municipalities" value={m.code} /> {m.name}
                    </label>
                  ))}
                </div>
              )}
            </AsyncView>
          </fieldset>
        )}
        <button type="submit">{t('Skapa konto')}</button>
      </form>
    </Page>
  );
}
