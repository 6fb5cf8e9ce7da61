// /mitt-konto: one's own account — change the password, see and end one's sessions, two-factor
// (two-factor.tsx). Every signed-in person may open it.
import { useRef, useState, type FormEvent } from 'react';
import { changeOwnPassword, endOtherSessions, endOwnSession, listOwnSessions } from '../../../contracts/account.ts';
import { me } from '../../../contracts/auth.ts';
import { MIN_PASSWORD_LENGTH } from '../../../domain/accounts.ts';
import { SIGN_IN_METHOD_LABELS } from '../../../domain/identity/policy.ts';
import { Control } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { ROLE_LABEL } from '../../session.tsx';
import { TwoFactorSection } from './two-factor.tsx';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' }) : '–');

function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useI18n();
  const change = useEndpointMutation(changeOwnPassword);
  const action = useAction();
  const [error, setError] = useState<string>();
  const newRef = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (action.busy) return;
    const form = e.currentTarget;
    const f = new FormData(form);
    const currentPassword = String(f.get('currentPassword') ?? '');
    const newPassword = String(f.get('newPassword') ?? '');
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      setError(t('Lösenordet måste ha minst {n} tecken.', { n: MIN_PASSWORD_LENGTH }));
      newRef.current?.focus();
      return;
    }
    setError(undefined);
    void action.run(async () => {
      const r = await change.mutateAsync({ body: { ...(hasPassword ? { currentPassword } : {}), newPassword } });
      form.reset();
      return r.endedSessions ? t('Lösenordet är bytt. {n} andra inloggningar avslutades.', { n: r.endedSessions }) : t('Lösenordet är bytt.');
    });
  };
  return (
    <Section id="password-heading" title={t('Lösenord')}>
      {!hasPassword && <p>{t('Kontot har inget eget lösenord; du loggar in med din organisations konto. Du kan välja ett lösenord här om din organisation tillåter det.')}</p>}
      <form onSubmit={submit} className="narrow" noValidate>
        <ActionMessages action={action} />
        {hasPassword && (
          <Control id="current-password" label={t('Nuvarande lösenord')}>
            {(a) => <input {...a} name="currentPassword" type="password" autoComplete="current-password" required />}
          </Control>
        )}
        <Control id="new-password" label={t('Nytt lösenord')} hint={t('Minst {n} tecken. Dina andra inloggningar avslutas.', { n: MIN_PASSWORD_LENGTH })} error={error}>
          {(a) => <input {...a} ref={newRef} name="newPassword" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />}
        </Control>
        <button type="submit" aria-disabled={action.busy || undefined}>
          {hasPassword ? t('Byt lösenord') : t('Välj lösenord')}
        </button>
      </form>
    </Section>
  );
}

function SessionsSection() {
  const { t } = useI18n();
  const sessions = useEndpoint(listOwnSessions, undefined);
  const end = useEndpointMutation(endOwnSession);
  const endOthers = useEndpointMutation(endOtherSessions);
  const action = useAction();
  const endOne = (id: number, current: boolean) =>
    action.run(async () => {
      await end.mutateAsync({ params: { id } });
      // The session this page runs in: signed out.
      if (current) window.location.assign('/logga-in');
      return t('Inloggningen är avslutad.');
    });
  return (
    <Section id="sessions-heading" title={t('Inloggningar')}>
      <p>{t('Här ser du var ditt konto är inloggat just nu. Avsluta en inloggning du inte känner igen och byt lösenord.')}</p>
      <ActionMessages action={action} />
      <AsyncView state={sessions}>
        {(d) => (
          <>
            <DataTable caption={t('Aktiva inloggningar')} columns={[t('Inloggad'), t('Senast använd'), t('Sätt'), t('Webbläsare'), t('IP-adress'), t('Åtgärder')]}>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {when(s.createdAt)} {s.current && <span className="tag">{t('Den här')}</span>}
                    </th>
                    <td>{when(s.lastSeenAt)}</td>
                    <td>{t(SIGN_IN_METHOD_LABELS[s.method])}</td>
                    <td>{s.userAgent ?? '–'}</td>
                    <td>{s.ip ?? '–'}</td>
                    <td>
                      <button type="button" className="secondary" aria-disabled={action.busy || undefined} onClick={() => !action.busy && void endOne(s.id, s.current)}>
                        {s.current ? t('Logga ut') : t('Avsluta')}
                        <span className="visually-hidden"> {t('inloggningen från {time}', { time: when(s.createdAt) })}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {d.sessions.some((s) => !s.current) && (
              <button
                type="button"
                aria-disabled={action.busy || undefined}
                onClick={() =>
                  !action.busy &&
                  void action.run(async () => t('{n} andra inloggningar avslutades.', { n: (await endOthers.mutateAsync({})).ended }))
                }
              >
                {t('Avsluta alla andra')}
              </button>
            )}
          </>
        )}
      </AsyncView>
    </Section>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  const account = useEndpoint(me, undefined);
  return (
    <Page title={t('Mitt konto')}>
      <AsyncView state={account}>
        {(d) =>
          d.user && (
            <>
              <p>{t('{name}, {email} ({role}).', { name: d.user.name, email: d.user.email, role: t(ROLE_LABEL[d.user.role]) })}</p>
              <PasswordForm hasPassword={d.user.hasPassword} />
            </>
          )
        }
      </AsyncView>
      <SessionsSection />
      <TwoFactorSection />
    </Page>
  );
}
