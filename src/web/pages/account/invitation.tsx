// /inbjudan?token=…: the page an invitation mail links to. The person chooses a password (when their
// e-mail domain allows it) or signs in with their organisation's account (SSO); either activates
// the account. The link works once and for seven days.
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { acceptInvitation, describeInvitation } from '../../../contracts/account.ts';
import { MIN_PASSWORD_LENGTH } from '../../../domain/accounts.ts';
import { call } from '../../api.ts';
import { Control } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
import { ProviderLinks, useSignInProviders } from '../sso-buttons.tsx';

export function InvitationPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invitation = useEndpoint(describeInvitation, token ? { query: { token } } : null);
  const providers = useSignInProviders(!!invitation.data);
  const action = useAction();
  const [error, setError] = useState<string>();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (action.busy) return;
    const password = String(new FormData(e.currentTarget).get('password') ?? '');
    if (password.length < MIN_PASSWORD_LENGTH) return setError(t('Lösenordet måste ha minst {n} tecken.', { n: MIN_PASSWORD_LENGTH }));
    setError(undefined);
    void action.run(async () => {
      await call(acceptInvitation, { body: { token, password } });
      // Signed in: the whole app starts again with the new session.
      window.location.assign('/');
    });
  };

  if (!token)
    return (
      <Page title={t('Inbjudan')}>
        <p className="error">{t('Länken saknar sin kod. Öppna länken i inbjudan igen, eller be förbundets administratör om en ny.')}</p>
      </Page>
    );
  return (
    <Page title={t('Inbjudan')}>
      <AsyncView state={invitation}>
        {(inv) => (
          <>
            <p>{t('Välkommen, {name}! Du har bjudits in till samverka som {email}.', { name: inv.name, email: inv.email })}</p>
            {inv.passwordSignIn && (
              <section aria-labelledby="choose-password">
                <h2 id="choose-password">{t('Välj ett lösenord')}</h2>
                <form onSubmit={submit} className="narrow" noValidate>
                  <ActionMessages action={action} />
                  <Control id="invitation-password" label={t('Lösenord')} hint={t('Minst {n} tecken', { n: MIN_PASSWORD_LENGTH })} error={error}>
                    {(a) => <input {...a} name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />}
                  </Control>
                  <button type="submit" aria-disabled={action.busy || undefined}>
                    {t('Spara lösenordet och logga in')}
                  </button>
                </form>
              </section>
            )}
            {providers.length > 0 && (
              <section aria-labelledby="choose-sso">
                <h2 id="choose-sso">{t('Logga in med organisationens konto')}</h2>
                <p>{t('Då behöver du inget eget lösenord i samverka.')}</p>
                <ProviderLinks providers={providers} />
              </section>
            )}
            {!inv.passwordSignIn && providers.length === 0 && (
              <p className="error">{t('Din organisation loggar in med sitt eget konto, men ingen sådan inloggning är inställd än. Kontakta förbundets administratör.')}</p>
            )}
          </>
        )}
      </AsyncView>
    </Page>
  );
}
