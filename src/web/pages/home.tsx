import { Link } from 'react-router-dom';
import { LinkParagraph, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

export function HomePage() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <Page title={t('Översikt')}>
      <p>
        samverka hjälper Fyrbodals kommunalförbund och medlemskommunerna att mäta digital mognad, jämföra sig, besluta om
        gemensamma initiativ och följa upp dem.
      </p>
      <ul className="cards">
        <li className="card">
          <h2>
            <Link to="/kommuner">{t('Kommuner')}</Link>
          </h2>
          <p>Förbundets medlemskommuner med SCB-kod och gemensamma IT-organisationer.</p>
        </li>
        {user?.role === 'forbundsadmin' && (
          <li className="card">
            <h2>
              <Link to="/admin/konton">{t('Konton')}</Link>
            </h2>
            <p>Konton, roller och kommuntillhörighet.</p>
          </li>
        )}
      </ul>
    </Page>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('Sidan finns inte')}>
      <LinkParagraph to="/">{t('Översikt')}</LinkParagraph>
    </Page>
  );
}
