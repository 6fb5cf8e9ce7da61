import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { post } from '../api.ts';
import { ErrorMessage, Field, Notice, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { login } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await login(String(f.get('email')), String(f.get('password')));
      navigate('/');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('Logga in')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ErrorMessage message={error} />
        <Field label={t('E-postadress')} name="email" type="email" autoComplete="username" required />
        <Field label={t('Lösenord')} name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          {t('Logga in')}
        </button>
        <p>
          <Link to="/glomt-losenord">{t('Glömt lösenordet?')}</Link>
        </p>
      </form>
    </Page>
  );
}

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const r = await post<{ message: string }>('/api/auth/password-reset', { email: String(f.get('email')) });
      setMsg(r.message);
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Page title={t('Återställ lösenord')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ErrorMessage message={error} />
        <Notice message={msg} />
        <Field label={t('E-postadress')} name="email" type="email" autoComplete="email" required />
        <button type="submit">{t('Skicka länk')}</button>
      </form>
    </Page>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const r = await post<{ message: string }>('/api/auth/password-reset/confirm', {
        token: params.get('token') ?? '',
        password: String(f.get('password')),
      });
      setMsg(r.message);
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Page title={t('Återställ lösenord')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ErrorMessage message={error} />
        <Notice message={msg} />
        <Field label={t('Nytt lösenord')} hint="Minst 12 tecken" name="password" type="password" autoComplete="new-password" required minLength={12} />
        <button type="submit">{t('Spara')}</button>
        {msg && (
          <p>
            <Link to="/logga-in">{t('Logga in')}</Link>
          </p>
        )}
      </form>
    </Page>
  );
}
