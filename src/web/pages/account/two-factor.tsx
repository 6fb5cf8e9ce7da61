// Mitt konto → Tvåstegsverifiering (TOTP): whether it is on, adding an authenticator app (QR code and
// a first code), new recovery codes, switching it off (not when the association requires it).
import { useState, type FormEvent } from 'react';
import { confirmTotp, disableTotp, getTotpStatus, regenerateRecoveryCodes, startTotp } from '../../../contracts/two-factor.ts';
import { Control } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { RecoveryCodesView, TotpCodeControl, TotpEnrolmentView, type TotpEnrolment } from '../../components/totp.tsx';
import { ActionMessages, AsyncView, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { call } from '../../api.ts';
import { queryClient, useEndpoint } from '../../query.ts';

const fieldOf = (e: FormEvent<HTMLFormElement>, name: string) => String(new FormData(e.currentTarget).get(name) ?? '').trim();

export function TwoFactorSection() {
  const { t } = useI18n();
  const status = useEndpoint(getTotpStatus, undefined);
  // Codes just issued: shown once, until the person says they are saved.
  const [codes, setCodes] = useState<string[]>();
  const done = () => {
    setCodes(undefined);
    void queryClient.invalidateQueries();
  };
  return (
    <Section id="two-factor-h" title={t('Tvåstegsverifiering')}>
      {codes ? (
        <RecoveryCodesView codes={codes} onSaved={done} headingLevel={3} />
      ) : (
        <AsyncView state={status}>
          {(s) =>
            !s.available ? (
              <p>{t('Ditt konto loggar in via organisationens konto och deras tvåstegsverifiering.')}</p>
            ) : s.enabled ? (
              <>
                <p>{t('Tvåstegsverifiering är på. Du har {n} oanvända reservkoder.', { n: s.recoveryCodesLeft })}</p>
                {s.required && <p>{t('Förbundet kräver tvåstegsverifiering för ditt konto, så den kan inte stängas av.')}</p>}
                <NewRecoveryCodes onCodes={setCodes} />
                {!s.required && <TurnOff />}
              </>
            ) : (
              <TurnOn onCodes={setCodes} />
            )
          }
        </AsyncView>
      )}
    </Section>
  );
}

function TurnOn({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const action = useAction();
  if (!enrolment)
    return (
      <>
        <p>{t('Med tvåstegsverifiering behövs både lösenordet och en kod från en app i din telefon för att logga in.')}</p>
        <ActionMessages action={action} />
        <button type="button" aria-disabled={action.busy || undefined} onClick={() => void action.run(async () => setEnrolment(await call(startTotp)))}>
          {t('Slå på tvåstegsverifiering')}
        </button>
      </>
    );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = fieldOf(e, 'code');
    void action.run(async () => onCodes((await call(confirmTotp, { body: { code } })).recoveryCodes));
  };
  return (
    <form onSubmit={submit} className="narrow" noValidate>
      <TotpEnrolmentView enrolment={enrolment} />
      <ActionMessages action={action} />
      <TotpCodeControl id="account-totp-code" label={t('Kod från appen, för att bekräfta')} />
      <button type="submit" aria-disabled={action.busy || undefined}>
        {t('Bekräfta')}
      </button>
    </form>
  );
}

function NewRecoveryCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useI18n();
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = fieldOf(e, 'code');
    void action.run(async () => onCodes((await call(regenerateRecoveryCodes, { body: { code } })).recoveryCodes));
  };
  return (
    <form onSubmit={submit} className="narrow" noValidate aria-labelledby="new-recovery-h">
      <h3 id="new-recovery-h">{t('Nya reservkoder')}</h3>
      <p>{t('De gamla reservkoderna slutar fungera.')}</p>
      <ActionMessages action={action} />
      <TotpCodeControl id="recovery-totp-code" />
      <button type="submit" aria-disabled={action.busy || undefined}>
        {t('Ta fram nya reservkoder')}
      </button>
    </form>
  );
}

function TurnOff() {
  const { t } = useI18n();
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password') ?? '');
    void action.run(async () => {
      await call(disableTotp, { body: { password } });
      await queryClient.invalidateQueries();
    });
  };
  return (
    <form onSubmit={submit} className="narrow" noValidate aria-labelledby="totp-off-h">
      <h3 id="totp-off-h">{t('Stäng av tvåstegsverifiering')}</h3>
      <ActionMessages action={action} />
      <Control id="totp-off-password" label={t('Ditt lösenord')}>
        {(a) => <input {...a} name="password" type="password" autoComplete="current-password" required />}
      </Control>
      <button type="submit" className="secondary" aria-disabled={action.busy || undefined}>
        {t('Stäng av')}
      </button>
    </form>
  );
}
