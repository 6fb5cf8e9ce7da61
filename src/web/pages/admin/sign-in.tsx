// Administration → Inloggning: the OpenID providers configured on the server, and the association's
// rules per e-mail domain (unknown users refused or created as läsare; password sign-in on or off).
import type { FormEvent } from 'react';
import { deleteSignInDomain, getSignInSettings, saveSignInDomain } from '../../../contracts/sso.ts';
import { Field, SelectField } from '../../components/forms.tsx';
import { useAction, useMunicipalities } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';

export function SignInSettingsPage() {
  const { t } = useI18n();
  const settings = useEndpoint(getSignInSettings, undefined);
  const { list: municipalities, nameOf } = useMunicipalities();
  const save = useEndpointMutation(saveSignInDomain);
  const remove = useEndpointMutation(deleteSignInDomain);
  const action = useAction();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const domain = String(f.get('domain') ?? '').trim();
    void action.run(async () => {
      await save.mutateAsync({
        params: { domain },
        body: {
          provisioning: String(f.get('provisioning')) as 'create' | 'refuse',
          municipalityCode: String(f.get('municipality') ?? '') || null,
          passwordSignIn: f.get('passwordSignIn') === 'on',
        },
      });
      form.reset();
      return t('Regeln för {domain} är sparad.', { domain });
    });
  };

  const drop = (domain: string) =>
    action.run(async () => {
      await remove.mutateAsync({ params: { domain } });
      return t('Regeln för {domain} är borttagen.', { domain });
    });

  return (
    <Page title={t('Inloggning')}>
      <ActionMessages action={action} />
      <AsyncView state={settings}>
        {(d) => (
          <>
            <Section id="providers" title={t('Identitetsleverantörer')}>
              <p>{t('Leverantörerna ställs in i serverns miljö (SAMVERKA_OIDC_…); se README.')}</p>
              {d.providers.length === 0 ? (
                <p>{t('Ingen identitetsleverantör är konfigurerad: alla loggar in med lösenord.')}</p>
              ) : (
                <DataTable caption={t('Identitetsleverantörer')} columns={[t('Namn'), t('Knappens text'), t('Utfärdare'), t('Klient-id')]}>
                  <tbody>
                    {d.providers.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.id}</th>
                        <td>{p.label}</td>
                        <td>{p.issuer}</td>
                        <td>{p.clientId}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </Section>
            <Section id="domains" title={t('Regler per e-postdomän')}>
              <p>{t('Okända användare från en domän utan regel nekas. Roller och kommuner bestämmer förbundet, aldrig leverantören.')}</p>
              {d.domains.length === 0 ? (
                <p>{t('Inga domänregler ännu.')}</p>
              ) : (
                <DataTable caption={t('Regler per e-postdomän')} columns={[t('Domän'), t('Okända användare'), t('Kommun'), t('Lösenord'), t('Ta bort')]}>
                  <tbody>
                    {d.domains.map((r) => (
                      <tr key={r.domain}>
                        <th scope="row">{r.domain}</th>
                        <td>{r.provisioning === 'create' ? t('Skapas som läsare') : t('Nekas')}</td>
                        <td>{nameOf(r.municipalityCode)}</td>
                        <td>{r.passwordSignIn ? t('Tillåtet') : t('Avstängt')}</td>
                        <td>
                          <button type="button" className="secondary" onClick={() => void drop(r.domain)}>
                            {t('Ta bort regeln för {domain}', { domain: r.domain })}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </Section>
          </>
        )}
      </AsyncView>
      <h2>{t('Spara en domänregel')}</h2>
      <form onSubmit={submit} className="narrow" noValidate>
        <Field label={t('Domän')} hint={t('Till exempel mellerud.se; gäller även underdomäner')} name="domain" required autoComplete="off" />
        <SelectField
          label={t('Okända användare')}
          name="provisioning"
          defaultValue="refuse"
          entries={[
            ['refuse', t('Nekas')],
            ['create', t('Skapas som läsare')],
          ]}
        />
        <SelectField label={t('Kommun som äger domänen')} name="municipality" defaultValue="" empty={t('Ingen')} entries={municipalities.map((m) => [m.code, m.name])} />
        <label>
          <input type="checkbox" name="passwordSignIn" defaultChecked /> {t('Lösenordsinloggning tillåten för domänens konton')}
        </label>
        <button type="submit">{t('Spara regeln')}</button>
      </form>
    </Page>
  );
}
