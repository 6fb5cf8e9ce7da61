import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { MIN_PASSWORD_LENGTH } from '../../domain/password-length.ts';
import type * as contracts from '../../contracts/auth.ts';
import { ApiError, call, lite } from '../api.ts';

const requestPasswordReset = lite<typeof contracts.requestPasswordReset>('POST', '/api/auth/password-reset');
const confirmPasswordReset = lite<typeof contracts.confirmPasswordReset>('POST', '/api/auth/password-reset/confirm');
import { Control } from '../components/forms.tsx';
import { useAction } from '../components/hooks.ts';
import { ActionMessages, LinkParagraph, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession, type SecondStep } from '../session.tsx';
import { SsoButtons } from './sso-buttons.tsx';
import { SecondStepForm } from './two-factor-sign-in.tsx';

type LoginField = 'email' | 'password';
const LOGIN_FIELDS: Record<LoginField, { id: string; label: string }> = {
  email: { id: 'login-email', label: 'E-postadress' },
  password: { id: 'login-password', label: 'Lösenord' },
};

/** What went wrong at sign-in: a message per field and/or one for the whole form. */
interface LoginErrors {
  form?: string;
  fields: Partial<Record<LoginField, string>>;
}

/** A field's message without a leading "E-postadress: " (the server may name the field itself), capitalised. */
function fieldMessage(label: string, message: string): string {
  const m = message.trim().replace(new RegExp(`^${label}\\s*:\\s*`, 'i'), '');
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** The summary's line for a field: "E-postadress: ange en giltig e-postadress". */
function summaryLine(label: string, message: string): string {
  const m = fieldMessage(label, message);
  return `${label}: ${m.charAt(0).toLowerCase()}${m.slice(1)}`;
}

/** The server's 400 details ({ path, message }) as messages per field, for the fields named. */
function serverFieldErrors<K extends string>(e: unknown, keys: readonly K[]): Partial<Record<K, string>> {
  const fields: Partial<Record<K, string>> = {};
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return fields;
  for (const d of e.details as Array<{ path?: unknown; message?: unknown }>) {
    const key = String(d.path ?? '').split('.')[0] as K;
    if (keys.includes(key) && typeof d.message === 'string' && !fields[key]) fields[key] = d.message;
  }
  return fields;
}

/** What the browser checks of an e-mail address before sending it; the server's rule decides. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Focus moves to `ref` after every failed attempt (each call of `failed`), also when the error text is the same. */
function useFocusAfterFailure<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  return { ref, failed: () => setAttempt((n) => n + 1) };
}

export function LoginPage() {
  const { login } = useSession();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<LoginErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  // Two-factor: after the right password, the second step instead of the form.
  const [secondStep, setSecondStep] = useState<SecondStep>();
  const summary = useFocusAfterFailure<HTMLDivElement>();
  const fail = (e: LoginErrors) => {
    setErrors(e);
    summary.failed();
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const f = new FormData(e.currentTarget);
    const email = String(f.get('email') ?? '').trim();
    const password = String(f.get('password') ?? '');
    const local: Partial<Record<LoginField, string>> = {};
    if (!email) local.email = t('Ange din e-postadress.');
    else if (!EMAIL.test(email)) local.email = t('Ange en giltig e-postadress, till exempel namn@kommun.se.');
    if (!password) local.password = t('Ange ditt lösenord.');
    if (Object.keys(local).length) return fail({ fields: local });
    setBusy(true);
    try {
      const step = await login(email, password);
      if (step) setSecondStep(step);
      else navigate('/');
    } catch (err) {
      const fields = serverFieldErrors<LoginField>(err, ['email', 'password']);
      if (Object.keys(fields).length) fail({ fields });
      else fail({ form: err instanceof Error ? err.message : String(err), fields: {} });
    } finally {
      setBusy(false);
    }
  };
  const invalid = Object.keys(errors.fields).length > 0 || !!errors.form;
  const field = (k: LoginField) => {
    const msg = errors.fields[k];
    return {
      id: LOGIN_FIELDS[k].id,
      label: t(LOGIN_FIELDS[k].label),
      error: msg ? fieldMessage(t(LOGIN_FIELDS[k].label), msg) : undefined,
      // A wrong e-mail or password belongs to both fields: they are described by the summary.
      invalid: !!errors.form,
      describedBy: errors.form ? 'login-summary' : undefined,
    };
  };
  const serverLang = lang === 'sv' ? undefined : 'sv';
  if (secondStep) return <SecondStepForm step={secondStep} onRestart={() => setSecondStep(undefined)} />;
  return (
    <Page title={t('Logga in')}>
      <SsoButtons />
      <form onSubmit={submit} className="narrow" noValidate>
        {/* The summary's alert region is in the page from the start; focus moves to it on every failed attempt. */}
        <div className="error-summary-region" role="alert" ref={summary.ref} tabIndex={invalid ? -1 : undefined} aria-labelledby={invalid ? 'login-summary-h' : undefined}>
          {invalid && (
            <div className="error">
              <h2 id="login-summary-h" className="error-summary-title">
                {t('Inloggningen misslyckades')}
              </h2>
              {errors.form && (
                <p id="login-summary" lang={serverLang}>
                  {errors.form}
                </p>
              )}
              {Object.keys(errors.fields).length > 0 && (
                <ul>
                  {(Object.keys(LOGIN_FIELDS) as LoginField[])
                    .filter((k) => errors.fields[k])
                    .map((k) => (
                      <li key={k}>
                        <a href={`#${LOGIN_FIELDS[k].id}`} onClick={(e) => { e.preventDefault(); document.getElementById(LOGIN_FIELDS[k].id)?.focus(); }}>
                          {summaryLine(t(LOGIN_FIELDS[k].label), errors.fields[k]!)}
                        </a>
                      </li>
                    ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <Control {...field('email')}>
          {(a) => <input {...a} name="email" type="email" autoComplete="username" required />}
        </Control>
        <Control {...field('password')}>
          {(a) => <input {...a} name="password" type="password" autoComplete="current-password" required />}
        </Control>
        {/* Stays focusable while signing in (aria-disabled), so focus is not lost. */}
        <button type="submit" aria-disabled={busy || undefined}>
          {t('Logga in')}
        </button>
        <LinkParagraph to="/glomt-losenord">{t('Glömt lösenordet?')}</LinkParagraph>
      </form>
    </Page>
  );
}

/**
 * The error of a one-field form: shown at its field (aria-describedby through Control) and focus
 * moved to the field on every failed attempt, so that it is read out with its error (WCAG 3.3.1).
 */
function useFieldError<K extends string>(key: K) {
  const [error, setError] = useState<string>();
  const { ref, failed } = useFocusAfterFailure<HTMLInputElement>();
  const fail = (message: string) => {
    setError(message);
    failed();
  };
  /** The server's 400 message for the field, if it named it. */
  const fromServer = (e: unknown) => serverFieldErrors<K>(e, [key])[key];
  return { error, ref, fail, clear: () => setError(undefined), fromServer };
}

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const action = useAction();
  const email = useFieldError('email');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get('email') ?? '').trim();
    if (!value) return email.fail(t('Ange din e-postadress.'));
    if (!EMAIL.test(value)) return email.fail(t('Ange en giltig e-postadress, till exempel namn@kommun.se.'));
    email.clear();
    void action.run(async () => {
      try {
        return (await call(requestPasswordReset, { body: { email: value } })).message;
      } catch (err) {
        const m = email.fromServer(err);
        if (m) return email.fail(fieldMessage(t('E-postadress'), m));
        throw err;
      }
    });
  };
  return (
    <Page title={t('Återställ lösenord')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ActionMessages action={action} />
        <p>{t('Skriv e-postadressen du loggar in med. Finns den får du en länk för att välja ett nytt lösenord; länken gäller en timme.')}</p>
        <Control id="forgot-email" label={t('E-postadress')} error={email.error}>
          {(a) => <input {...a} ref={email.ref} name="email" type="email" autoComplete="email" required />}
        </Control>
        <button type="submit" aria-disabled={action.busy || undefined}>
          {t('Skicka länk')}
        </button>
        <LinkParagraph to="/logga-in">{t('Tillbaka till inloggningen')}</LinkParagraph>
      </form>
    </Page>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const action = useAction();
  const password = useFieldError('password');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (action.busy) return;
    const value = String(new FormData(e.currentTarget).get('password') ?? '');
    if (!value) return password.fail(t('Ange ett nytt lösenord.'));
    if (value.length < MIN_PASSWORD_LENGTH) return password.fail(t('Lösenordet måste ha minst {n} tecken.', { n: MIN_PASSWORD_LENGTH }));
    password.clear();
    void action.run(async () => {
      try {
        return (await call(confirmPasswordReset, { body: { token, password: value } })).message;
      } catch (err) {
        const m = password.fromServer(err);
        if (m) return password.fail(fieldMessage(t('Nytt lösenord'), m));
        throw err;
      }
    });
  };
  if (!token)
    return (
      <Page title={t('Återställ lösenord')}>
        <p className="error">{t('Länken saknar sin kod. Öppna länken i e-postmeddelandet igen, eller begär en ny länk.')}</p>
        <LinkParagraph to="/glomt-losenord">{t('Begär en ny länk')}</LinkParagraph>
      </Page>
    );
  return (
    <Page title={t('Återställ lösenord')}>
      <form onSubmit={submit} className="narrow" noValidate>
        <ActionMessages action={action} />
        <Control id="reset-password" label={t('Nytt lösenord')} hint={t('Minst {n} tecken', { n: MIN_PASSWORD_LENGTH })} error={password.error}>
          {(a) => <input {...a} ref={password.ref} name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />}
        </Control>
        <button type="submit" aria-disabled={action.busy || undefined}>
          {t('Spara')}
        </button>
        {action.msg ? (
          <LinkParagraph to="/logga-in">{t('Logga in')}</LinkParagraph>
        ) : (
          action.message && <LinkParagraph to="/glomt-losenord">{t('Begär en ny länk')}</LinkParagraph>
        )}
      </form>
    </Page>
  );
}
