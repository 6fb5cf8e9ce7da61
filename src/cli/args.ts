// Option parsers and lookups shared by the commands: a year, a group of municipalities by number or name, and
// the association (kommunalförbund) a command works in.
import type { Db } from '../db/db.ts';
import { defaultAssociationId, findAssociation, getAssociation, listAssociations, type AssociationRow } from '../store/associations.ts';
import type { Role, Viewer } from '../domain/organisation.ts';
import { findGroupByName, getGroup } from '../store/groups.ts';
import { CliError } from './index.ts';

/** A year 2000–2100; `what` names it in the message ("Startåret ska vara …"). */
export const yearArg =
  (what = 'Året') =>
  (v: string) => {
    if (!/^[0-9]{4}$/.test(v) || Number(v) < 2000 || Number(v) > 2100) throw new CliError(`${what} ska vara ett årtal 2000–2100`);
    return Number(v);
  };

/** A group of municipalities of the association (default: the instance's default association) by its number or its exact name. */
export async function groupIdOf(db: Db, arg: string, associationId?: number): Promise<number> {
  const found = /^[0-9]+$/.test(arg) ? await getGroup(db, Number(arg)) : await findGroupByName(db, arg, associationId);
  const g = found && (associationId === undefined || found.associationId === associationId) ? found : null;
  if (!g) throw new CliError(`Gruppen "${arg}" finns inte (ange gruppens nummer eller exakta namn)`);
  return g.id;
}

/** The `--association` option's help text, the same on every command that works in one association. */
export const ASSOCIATION_HELP = 'kommunalförbund: nummer, kort id (fyrbodal, gr, sjuharad, skaraborg) eller namn; utan: instansens förvalda förbund';

/** The association a command works in: `--association` (id, short id or name, any case), else the instance's default. */
export async function associationOf(db: Db, arg: string | undefined): Promise<AssociationRow> {
  const a = arg === undefined ? await getAssociation(db, await defaultAssociationId(db)) : await findAssociation(db, arg);
  if (!a) {
    const known = (await listAssociations(db)).map((x) => `${x.shortId} (${x.name})`).join(', ');
    throw new CliError(`Kommunalförbundet "${arg}" finns inte. Ange ett av: ${known}`);
  }
  return a;
}

/**
 * The operator at the command line, working in `--association`'s association as its förbundsadmin does (or
 * as a `role` of it sees, e.g. a läsare for an anonymised report): only that association's data.
 */
export const operatorIn = (a: AssociationRow, role: Role = 'forbundsadmin'): Viewer & { id: null } => ({
  id: null,
  role,
  municipalities: [],
  associationId: a.id,
  associationMembers: a.members,
});
