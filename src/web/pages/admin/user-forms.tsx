// Administration → Konton: the invitation form and the municipality checkboxes it shares with the
// dialog that changes an account's role.
import { useState, type FormEvent } from 'react';
import { inviteUser } from '../../../contracts/accounts.ts';
import { INVITATION_DAYS } from '../../../domain/identity/policy.ts';
import { ROLES } from '../../../domain/organisation.ts';
import { Field, SelectField } from '../../components/forms.tsx';
import { useAction, useMunicipalities } from '../../components/hooks.ts';
import { ActionMessages, AsyncView } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpointMutation } from '../../query.ts';
import { ROLE_LABEL, type Role } from '../../session.tsx';

/** Checkboxes named `municipalities`, one per municipality (read with FormData). */
export function MunicipalityChecks({ checked = [] }: { checked?: readonly string[] }) {
  const { t } = useI18n();
  const { list, loading } = useMunicipalities();
  return (
    <fieldset>
      <legend>{t('Kommuner')}</legend>
      <AsyncView state={{ data: list, loading }}>
        {(ms) => (
          <div className="checkbox-grid">
            {ms.map((m) => (
              <label key={m.code}>
                <input type="checkbox" name="municipalities" value={m.code} defaultChecked={checked.includes(m.code)} /> {m.name}
              </label>
            ))}
          </div>
        )}
      </AsyncView>
    </fieldset>
  );
}

/** The role select of a form; a kommunansvarig gets the municipality checkboxes. */
export function RoleFields({ role, setRole, checked }: { role: Role; setRole: (r: Role) => void; checked?: readonly string[] }) {
  const { t } = useI18n();
  return (
    <>
      <SelectField label={t('Roll')} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} entries={ROLES.map((r) => [r, t(ROLE_LABEL[r])])} />
      {role === 'kommunansvarig' && <MunicipalityChecks checked={checked} />}
    </>
  );
}

/** Invites a person by e-mail: they choose their password (or sign in with SSO) through the link. */
export function InviteForm() {
  const { t } = useI18n();
  const invite = useEndpointMutation(inviteUser);
  const action = useAction();
  const [role, setRole] = useState<Role>('kommunansvarig');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (action.busy) return;
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (name: string) => String(f.get(name) ?? '');
    void action.run(async () => {
      const r = await invite.mutateAsync({ body: { email: text('email'), name: text('name'), role, municipalities: f.getAll('municipalities').map(String) } });
      form.reset();
      return t('Inbjudan är skickad till {email}. Länken gäller i {days} dagar.', { email: r.user.email, days: INVITATION_DAYS });
    });
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('Bjud in en person')}</h2>
      <p>{t('Personen får ett mejl med en länk där hen väljer ett eget lösenord eller loggar in med sin organisations konto (SSO). Du behöver aldrig hantera någons lösenord.')}</p>
      <form onSubmit={submit} className="narrow" noValidate>
        <ActionMessages action={action} />
        <Field label={t('Namn')} name="name" required autoComplete="off" />
        <Field label={t('E-postadress')} name="email" type="email" required autoComplete="off" />
        <RoleFields role={role} setRole={setRole} />
        <button type="submit" aria-disabled={action.busy || undefined}>
          {t('Skicka inbjudan')}
        </button>
      </form>
    </section>
  );
}
