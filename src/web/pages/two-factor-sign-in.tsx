// The sign-in's second step (src/contracts/two-factor.ts): a code from the authenticator app or a
// recovery code; or, when the association requires two-factor of admins and this one has none,
// adding an app first (QR code, a first code, the recovery codes shown once).
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type * as twoFactor from '../../contracts/two-factor.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { call, lite } from '../api.ts';

const loginTotp = lite<typeof twoFactor.loginTotp>('POST', '/api/auth/login/totp');
const loginTotpSetup = lite<typeof twoFactor.loginTotpSetup>('POST', '/api/auth/login/totp-setup');
const loginTotpSetupConfirm = lite<typeof twoFactor.loginTotpSetupConfirm>('POST', '/api/auth/login/totp-setup/confirm');
import { Control } from '../components/forms.tsx';
import { useAction } from '../components/hooks.ts';
import { ActionMessages, Page } from '../components/ui.tsx';
import { RecoveryCodesView, TotpCodeControl, TotpEnrolmentView, type TotpEnrolment } from '../components/totp.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession, type SecondStep } from '../session.tsx';

/** The second step of a sign-in; `onRestart` goes back to e-mail and password. */
export function SecondStepForm({ step, onRestart }: { step: SecondStep; onRestart: () => void }) {
  return step.secondFactor === 'totp' ? <TotpCodeStep challenge={step.challenge} onRestart={onRestart} /> : <TotpSetupStep challenge={step.challenge} onRestart={onRestart} />;
}

function RestartButton({ onRestart }: { onRestart: () => void }) {
  const { t } = useI18n();
  return (
    <p>
      <button type="button" className="secondary" onClick={onRestart}>
        {t('Avbryt och börja om')}
      </button>
    </p>
  );
}

/** Reads the form's one field; focus returns to it after a failed attempt. */
function useCodeForm() {
  const ref = useRef<HTMLInputElement>(null);
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>, send: (value: string) => Promise<void>) => {
    e.preventDefault();
    if (action.busy) return;
    const value = String(new FormData(e.currentTarget).get('code') ?? '').trim();
    void action.run(async () => {
      try {
        await send(value);
      } finally {
        ref.current?.focus();
      }
    });
  };
  return { ref, action, submit };
}

function TotpCodeStep({ challenge, onRestart }: { challenge: string; onRestart: () => void }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [recovery, setRecovery] = useState(false);
  const form = useCodeForm();
  const send = async (value: string) => {
    const r = await call(loginTotp, { body: recovery ? { challenge, recoveryCode: value } : { challenge, code: value } });
    signedIn(r);
    navigate('/');
  };
  return (
    <Page title={t('Tvåstegsverifiering')}>
      <form onSubmit={(e) => form.submit(e, send)} className="narrow" noValidate>
        <ActionMessages action={form.action} />
        {recovery ? (
          <Control id="login-recovery-code" label={t('Reservkod')} hint={t('Till exempel abcd-efgh-jk. Varje kod fungerar en gång.')}>
            {(a) => <input {...a} ref={form.ref} key="recovery" name="code" autoComplete="off" autoCapitalize="none" spellCheck={false} required />}
          </Control>
        ) : (
          <>
            <p>{t('Skriv koden som din autentiseringsapp visar för samverka.')}</p>
            <TotpCodeControl id="login-totp-code" inputRef={form.ref} />
          </>
        )}
        <button type="submit" aria-disabled={form.action.busy || undefined}>
          {t('Logga in')}
        </button>
        <p>
          <button type="button" className="secondary" onClick={() => setRecovery(!recovery)}>
            {recovery ? t('Använd koden från appen') : t('Använd en reservkod')}
          </button>
        </p>
      </form>
      <RestartButton onRestart={onRestart} />
    </Page>
  );
}

type SetupDone = ResponseOf<typeof loginTotpSetupConfirm>;

function TotpSetupStep({ challenge, onRestart }: { challenge: string; onRestart: () => void }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const [done, setDone] = useState<SetupDone>();
  const start = useAction();
  const form = useCodeForm();
  if (done)
    return (
      <Page title={t('Tvåstegsverifiering är på')}>
        <RecoveryCodesView
          codes={done.recoveryCodes}
          onSaved={() => {
            signedIn(done);
            navigate('/');
          }}
        />
      </Page>
    );
  return (
    <Page title={t('Lägg till tvåstegsverifiering')}>
      <p>{t('Förbundet kräver tvåstegsverifiering för förbundsadministratörer. Lägg till samverka i en autentiseringsapp i din telefon innan du loggar in.')}</p>
      <ActionMessages action={start} />
      {enrolment ? (
        <form onSubmit={(e) => form.submit(e, async (code) => setDone(await call(loginTotpSetupConfirm, { body: { challenge, code } })))} className="narrow" noValidate>
          <TotpEnrolmentView enrolment={enrolment} />
          <ActionMessages action={form.action} />
          <TotpCodeControl id="setup-totp-code" inputRef={form.ref} label={t('Kod från appen, för att bekräfta')} />
          <button type="submit" aria-disabled={form.action.busy || undefined}>
            {t('Bekräfta och logga in')}
          </button>
        </form>
      ) : (
        <p>
          <button type="button" aria-disabled={start.busy || undefined} onClick={() => void start.run(async () => setEnrolment(await call(loginTotpSetup, { body: { challenge } })))}>
            {t('Visa QR-koden')}
          </button>
        </p>
      )}
      <RestartButton onRestart={onRestart} />
    </Page>
  );
}
