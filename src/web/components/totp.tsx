// Two-factor building blocks shared by the sign-in's second step and Mitt konto: the QR code with the
// secret as its text alternative, the code field, and the recovery codes shown once.
import type { Ref } from 'react';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import type { startTotp } from '../../contracts/two-factor.ts';
import { useI18n } from '../i18n.tsx';
import { Control } from './forms.tsx';

export type TotpEnrolment = ResponseOf<typeof startTotp>;

/** The QR code for the authenticator app, and the secret grouped for typing when it cannot be scanned. */
export function TotpEnrolmentView({ enrolment }: { enrolment: TotpEnrolment }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('Öppna din autentiseringsapp (till exempel Microsoft Authenticator eller Google Authenticator), välj att lägga till ett konto och skanna QR-koden.')}</p>
      {/* The server renders the SVG from the otpauth URI; the text alternative names it, the key below is its content. */}
      <div className="totp-qr" role="img" aria-label={t('QR-kod för autentiseringsappen')} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p>
        {t('Kan du inte skanna? Skriv in den här nyckeln i appen:')} <code className="totp-secret">{enrolment.secretGrouped}</code>
      </p>
    </>
  );
}

/** The six-digit code from the app: numeric keyboard, and the one-time code offered by the phone. */
export function TotpCodeControl({ id, error, inputRef, label }: { id: string; error?: string; inputRef?: Ref<HTMLInputElement>; label?: string }) {
  const { t } = useI18n();
  return (
    <Control id={id} label={label ?? t('Kod från appen')} hint={t('Sex siffror; koden byts var 30:e sekund')} error={error}>
      {(a) => <input {...a} ref={inputRef} name="code" autoComplete="one-time-code" inputMode="numeric" pattern="[0-9 ]*" maxLength={7} required />}
    </Control>
  );
}

/** Recovery codes, shown once: the person confirms having saved them. */
export function RecoveryCodesView({ codes, onSaved, headingLevel = 2 }: { codes: string[]; onSaved: () => void; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="recovery-codes-h" className="recovery-codes">
      <H id="recovery-codes-h">{t('Dina reservkoder')}</H>
      <p>
        {t('Spara koderna på ett säkert ställe, till exempel i en lösenordshanterare eller utskrivna. Varje kod fungerar en gång om du inte har tillgång till appen. Koderna visas bara nu.')}
      </p>
      <ul className="recovery-code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onSaved}>
        {t('Jag har sparat koderna')}
      </button>
    </section>
  );
}
