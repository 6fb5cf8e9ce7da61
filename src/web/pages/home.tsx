import { Link } from 'react-router-dom';
import type { Stage } from '../../domain/portfolio/types.ts';
import { useApi } from '../components/hooks.ts';
import { LinkParagraph, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

interface RoundBrief {
  status: 'draft' | 'open' | 'closed';
}
interface InitiativeBrief {
  stage: Stage;
}

/** The overview: the work cycle from measuring to following up, with the current figures of each step. */
export function HomePage() {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = user?.role === 'forbundsadmin';
  const rounds = useApi<{ rounds: RoundBrief[] }>('/api/rounds');
  const initiatives = useApi<{ initiatives: InitiativeBrief[] }>('/api/initiatives');
  const open = rounds.data?.rounds.filter((r) => r.status === 'open').length;
  const closed = rounds.data?.rounds.filter((r) => r.status === 'closed').length;
  const list = initiatives.data?.initiatives;
  const running = list?.filter((i) => i.stage === 'genomforande').length;
  const steps: Array<{ to: string; title: string; text: string; figure?: string; show?: boolean }> = [
    {
      to: '/matomgangar',
      title: t('Mätomgångar'),
      text: admin
        ? t('Skapa och öppna mätomgångar, följ svarsfrekvensen och importera svar.')
        : t('Lägg till respondenter för din kommun, skicka länkar och följ svarsfrekvensen.'),
      figure: open === undefined ? undefined : t('Öppna: {open} · stängda: {closed}', { open, closed: closed ?? 0 }),
      show: user?.role !== 'lasare',
    },
    {
      to: '/resultat',
      title: t('Resultat'),
      text: t('Fördelningar, mognad per kommun mot regionen, kvadranter, gap och förändring över tid. Varje siffra anger sin bas.'),
      figure: closed === undefined ? undefined : t('Stängda mätomgångar: {n}', { n: closed }),
    },
    { to: '/rapporter', title: t('Rapporter'), text: t('Regional rapport och delrapporter per kommun som PDF, Word och Excel.') },
    {
      to: '/initiativ',
      title: t('Initiativ'),
      text: t('Gemensamma initiativ från idé till nyttohemtagning, med deltagande kommuner och statusrapporter.'),
      figure: list === undefined ? undefined : t('{n} initiativ, {running} i genomförande', { n: list.length, running: running ?? 0 }),
    },
    { to: '/portfolj', title: t('Portfölj'), text: t('Prioritering, handlingsplan, uppföljning och regionala indikatorer.') },
    { to: '/kommuner', title: t('Kommuner'), text: t('Förbundets medlemskommuner med SCB-kod och gemensamma IT-organisationer.') },
    { to: '/admin/konton', title: t('Konton'), text: t('Konton, roller och kommuntillhörighet.'), show: admin },
  ];
  return (
    <Page title={t('Översikt')}>
      <p>
        {t('samverka hjälper förbundet och medlemskommunerna att mäta digital mognad, jämföra sig, besluta om gemensamma initiativ och följa upp dem.')}
      </p>
      <ul className="cards">
        {steps
          .filter((s) => s.show !== false)
          .map((s) => (
            <li className="card" key={s.to}>
              <h2>
                <Link to={s.to}>{s.title}</Link>
              </h2>
              <p>{s.text}</p>
              {s.figure && <p className="figure">{s.figure}</p>}
            </li>
          ))}
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
