// Option parsers and lookups shared by the commands: a year, and a group of municipalities by number or name.
import type { Db } from '../db/db.ts';
import { findGroupByName, getGroup } from '../store/economics.ts';
import { CliError } from './index.ts';

/** A year 2000–2100; `what` names it in the message ("Startåret ska vara …"). */
export const yearArg =
  (what = 'Året') =>
  (v: string) => {
    if (!/^[0-9]{4}$/.test(v) || Number(v) < 2000 || Number(v) > 2100) throw new CliError(`${what} ska vara ett årtal 2000–2100`);
    return Number(v);
  };

/** A group of municipalities by its number or its exact name. */
export async function groupIdOf(db: Db, arg: string): Promise<number> {
  const g = /^[0-9]+$/.test(arg) ? await getGroup(db, Number(arg)) : await findGroupByName(db, arg);
  if (!g) throw new CliError(`Gruppen "${arg}" finns inte (ange gruppens nummer eller exakta namn)`);
  return g.id;
}
