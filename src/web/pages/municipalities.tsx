import { Link, useParams } from 'react-router-dom';
import { getMunicipality, listMunicipalities, listMunicipalityContacts } from '../../contracts/organisation.ts';
import { canSeeMunicipality } from '../../domain/organisation.ts';
import { AsyncView, DataTable, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';
import { useSession } from '../session.tsx';

export function MunicipalitiesPage() {
  const { t } = useI18n();
  const state = useEndpoint(listMunicipalities, undefined);
  return (
    <Page title={t('Kommuner')}>
      <AsyncView state={state}>
        {(d) => (
          <DataTable label={t('Kommuner')} caption={<>{t('Kommuner')} ({d.municipalities.length})</>} columns={[t('Kommun'), t('SCB-kod'), t('Gemensam IT-organisation')]}>
            <tbody>
              {d.municipalities.map((m) => (
                <tr key={m.code}>
                  <th scope="row">
                    <Link to={`/kommuner/${m.code}`}>{m.name}</Link>
                  </th>
                  <td>{m.code}</td>
                  <td>{m.it_organisations.join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </AsyncView>
    </Page>
  );
}

export function MunicipalityPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const state = useEndpoint(getMunicipality, { params: { code } });
  // A läsare may be bound to a municipality (an SSO account of its domain) without seeing its contacts.
  const own = user && canSeeMunicipality(user, code);
  const contacts = useEndpoint(listMunicipalityContacts, own ? { params: { code } } : null);
  return (
    <AsyncView state={state}>
      {({ municipality: m }) => (
        <Page title={m.name}>
          <dl className="facts">
            <dt>{t('SCB-kod')}</dt>
            <dd>{m.code}</dd>
            <dt>{t('Kommunalförbund')}</dt>
            <dd>{m.association ?? '–'}</dd>
            <dt>{t('Gemensam IT-organisation')}</dt>
            <dd>{m.it_organisations.join(', ') || '–'}</dd>
          </dl>
          {own && (
            <Section id="contacts-h" title={t('Kontaktpersoner')}>
              <AsyncView state={contacts}>
                {(d) =>
                  d.contacts.length ? (
                    <ul>
                      {d.contacts.map((c) => (
                        <li key={c.email}>
                          {c.name} – <a href={`mailto:${c.email}`}>{c.email}</a>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p>{t('Ingen kommunansvarig är registrerad.')}</p>
                  )
                }
              </AsyncView>
            </Section>
          )}
        </Page>
      )}
    </AsyncView>
  );
}
