import type { FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { post } from '../api.ts';
import { Field } from '../components/forms.tsx';
import { useAction } from '../components/hooks.ts';
import { ActionMessages, LinkParagraph, ErrorMessage, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { login } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void action.run(async () => {
      await login(String(f.get('email')), String(f.get('password')));
      navigate('/');
    });
  };
  return (
    <Page title={t('Logga in')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ErrorMessage message={action.message} />
        <Field label={t('E-postadress')} name="email" type="email" autoComplete="username" required />
        <Field label={t('Lösenord')} name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={action.busy}>
          {t('Logga in')}
        </button>
        <LinkParagraph to="/glomt-losenord">{t('Glömt lösenordet?')}</LinkParagraph>
      </form>
    </Page>
  );
}

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void action.run(async () => (await post<{ message: string }>('/api/auth/password-reset', { email: String(f.get('email')) })).message);
  };
  return (
    <Page title={t('Återställ lösenord')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ActionMessages action={action} />
        <Field label={t('E-postadress')} name="email" type="email" autoComplete="email" required />
        <button type="submit">{t('Skicka länk')}</button>
      </form>
    </Page>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void action.run(async () => {
      const r = await post<{ message: string }>('/api/auth/password-reset/confirm', {
        token: params.get('token') ?? '',
        password: String(f.get('password')),
      });
      return r.message;
    });
  };
  return (
    <Page title={t('Återställ lösenord')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ActionMessages action={action} />
        <Field label={t('Nytt lösenord')} hint={t('Minst 12 tecken')} name="password" type="password" autoComplete="new-password" required minLength={12} />
        <button type="submit">{t('Spara')}</button>
        {action.msg && (
          <LinkParagraph to="/logga-in">{t('Logga in')}</LinkParagraph>
        )}
      </form>
    </Page>
  );
}
