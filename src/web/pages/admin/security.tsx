// Administration → Säkerhet: the association's security settings — two-factor authentication for
// förbundsadmin accounts and how long the event log is kept. Changes are logged with before and after.
import { useState, type FormEvent } from 'react';
import { getSecurity, putSecurity } from '../../../contracts/audit.ts';
import { Field, FormButtons } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';

export function SecurityPage() {
  const { t, lang } = useI18n();
  const state = useEndpoint(getSecurity, undefined);
  const save = useEndpointMutation(putSecurity);
  const action = useAction();
  const [warnings, setWarnings] = useState<string[]>([]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void action.run(async () => {
      setWarnings([]);
      const r = await save.mutateAsync({
        body: { requireTotpForAdmins: f.get('requireTotpForAdmins') === 'on', auditRetentionDays: Number(f.get('auditRetentionDays')) },
      });
      setWarnings(r.warnings);
      return t('Säkerhetsinställningarna är sparade.');
    });
  };

  return (
    <Page title={t('Säkerhet')}>
      <ActionMessages action={action} />
      <div role="status" className="live-region">
        {warnings.map((w) => (
          <p key={w} className="notice" lang={lang === 'sv' ? undefined : 'sv'}>
            {w}
          </p>
        ))}
      </div>
      <AsyncView state={state}>
        {(d) => (
          <form onSubmit={submit} className="narrow" noValidate>
            <h2>{t('Tvåstegsverifiering för förbundsadmin')}</h2>
            <p>
              {t(
                'När kravet är påslaget måste förbundsadministratörer som loggar in med lösenord också ange en kod från en autentiseringsapp. Den som saknar tvåstegsverifiering får slå på den vid nästa inloggning. Inloggning med organisationens konto (SSO) följer organisationens egna krav.',
              )}
            </p>
            <div className="field">
              <label>
                <input type="checkbox" name="requireTotpForAdmins" defaultChecked={d.settings.requireTotpForAdmins} />{' '}
                {t('Kräv tvåstegsverifiering för förbundsadministratörer')}
              </label>
            </div>
            <h2>{t('Hur länge händelseloggen sparas')}</h2>
            <p>
              {t(
                'Händelser som är äldre än så raderas automatiskt en gång per dygn. Förvalt är två år (730 dagar); välj mellan 30 och 3 650 dagar efter förbundets informationshanteringsplan.',
              )}
            </p>
            <Field
              label={t('Spara händelser i antal dagar')}
              name="auditRetentionDays"
              type="number"
              min={30}
              max={3650}
              step={1}
              required
              defaultValue={d.settings.auditRetentionDays}
            />
            <FormButtons submitLabel={t('Spara')} busy={action.busy} />
          </form>
        )}
      </AsyncView>
    </Page>
  );
}
