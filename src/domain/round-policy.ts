// Who sees what of a round (DOMAIN.md §4). Pure: the use cases apply it, the tests check every role.
// - Förbundsadmin: every round, all of it, every municipality's progress and responses.
// - Kommunansvarig: rounds with one of their municipalities, with the progress and responses of those.
// - Läsare: the list of rounds and each round's title, instrument, period and status; nothing more.
import { canSeeMunicipality, type Viewer } from './organisation.ts';

export type { Viewer };

/** How much of a round the viewer sees, or why not at all. */
export type RoundVisibility = { view: 'public' } | { view: 'full'; municipality: (code: string) => boolean } | { view: 'none'; message: string };

export function roundVisibility(user: Viewer, round: { municipalities: readonly string[] }): RoundVisibility {
  if (user.role === 'lasare') return { view: 'public' };
  if (user.role === 'kommunansvarig' && !round.municipalities.some((c) => user.municipalities.includes(c)))
    return { view: 'none', message: 'Mätomgången omfattar inte din kommun' };
  return { view: 'full', municipality: (code) => canSeeMunicipality(user, code) };
}

/** The municipalities whose rounds a viewer lists (undefined = all); läsare list all rounds, public fields only. */
export function listedMunicipalities(user: Viewer): readonly string[] | undefined {
  return user.role === 'kommunansvarig' ? user.municipalities : undefined;
}

/** Why the viewer may not download the responses (of one municipality, or all with none), or null. */
export function responsesExportRefusal(user: Viewer, municipality: string | undefined): string | null {
  if (municipality) return canSeeMunicipality(user, municipality) ? null : 'Du har inte behörighet till den här kommunens uppgifter';
  return user.role === 'forbundsadmin' ? null : 'Ange din kommun för att hämta svaren';
}
