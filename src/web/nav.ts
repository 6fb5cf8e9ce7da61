// Main navigation by role. Each capability adds its entries here.
import type { Role } from './session.tsx';

export const navItems: Array<{ to: string; label: string; roles?: Role[] }> = [
  { to: '/', label: 'Översikt' },
  { to: '/kommuner', label: 'Kommuner' },
  { to: '/matomgangar', label: 'Mätomgångar', roles: ['forbundsadmin', 'kommunansvarig'] },
  { to: '/instrument', label: 'Instrument', roles: ['forbundsadmin', 'kommunansvarig'] },
  { to: '/resultat', label: 'Resultat' },
  { to: '/rapporter', label: 'Rapporter' },
  { to: '/initiativ', label: 'Initiativ' },
  { to: '/portfolj', label: 'Portfölj' },
  { to: '/admin/konton', label: 'Konton', roles: ['forbundsadmin'] },
  { to: '/admin/logg', label: 'Händelselogg', roles: ['forbundsadmin'] },
  { to: '/admin/utkorg', label: 'Utkorg', roles: ['forbundsadmin'] },
];
