// Main navigation. Each capability adds its entries here. Which roles see an entry follows the roles
// its page declares in routes.tsx (Layout filters with mayOpen); `roles` may narrow it further.
import type { Role } from './session.tsx';

/**
 * Roles that see measurement (rounds, results, reports, respondents): the association's. The region's
 * analyst (regionanalytiker) sees no municipality's survey data (issue 14), so these entries are hidden for it.
 */
const MEASUREMENT: Role[] = ['forbundsadmin', 'kommunansvarig', 'lasare'];

export const navItems: Array<{ to: string; label: string; roles?: Role[] }> = [
  { to: '/', label: 'Översikt' },
  { to: '/kommuner', label: 'Kommuner' },
  { to: '/matomgangar', label: 'Mätomgångar', roles: MEASUREMENT },
  { to: '/instrument', label: 'Instrument' },
  { to: '/resultat', label: 'Resultat', roles: MEASUREMENT },
  { to: '/rapporter', label: 'Rapporter', roles: MEASUREMENT },
  { to: '/jamforelser', label: 'Jämförelser' },
  { to: '/initiativ', label: 'Initiativ' },
  { to: '/portfolj', label: 'Portfölj' },
  { to: '/regional-uppfoljning', label: 'Regional uppföljning' },
  { to: '/ekonomi', label: 'IT-ekonomi' },
  { to: '/risker', label: 'Risker' },
  { to: '/admin/konton', label: 'Konton' },
  { to: '/admin/logg', label: 'Händelselogg' },
  { to: '/admin/sakerhet', label: 'Säkerhet' },
  { to: '/admin/utkorg', label: 'Utkorg' },
  { to: '/admin/inloggning', label: 'Inloggning' },
];
