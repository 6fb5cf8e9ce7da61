// The groups of municipalities compared together, with their members and the years that have figures.
// Every signed-in user sees their association's groups (membership is not a figure); the figures are in the comparison.
import type { Db, Queryable } from '../db/db.ts';
import { POOL_LABELS, type TbmPool } from '../domain/economics/schema.ts';
import { viewerAssociation } from '../domain/association-scope.ts';
import type { Viewer } from '../domain/organisation.ts';
import { groupYears } from '../store/economics.ts';
import { listGroups as storeGroups, type GroupRecord } from '../store/groups.ts';
import { municipalityNames } from './common.ts';

export interface GroupSummary {
  id: number;
  name: string;
  description: string;
  namedPublished: boolean;
  members: Array<{ code: string; name: string }>;
  insideShares: Array<{ pool: TbmPool; label: string; insidePercent: number; year: number; source: string }>;
  years: number[];
}

export async function groupSummary(tx: Queryable, g: GroupRecord, names?: Readonly<Record<string, string>>): Promise<GroupSummary> {
  const n = names ?? (await municipalityNames(tx));
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    namedPublished: g.namedPublished,
    members: g.members.map((code) => ({ code, name: n[code] ?? code })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    insideShares: g.insideShares.map((s) => ({ ...s, label: POOL_LABELS[s.pool] })),
    years: await groupYears(tx, g.id),
  };
}

/** The groups of the viewer's association (a viewer without association: every association's). */
export async function listGroups(db: Db, viewer: Viewer): Promise<GroupSummary[]> {
  return db.transaction(async (tx) => {
    const names = await municipalityNames(tx);
    const out: GroupSummary[] = [];
    for (const g of await storeGroups(tx, viewerAssociation(viewer))) out.push(await groupSummary(tx, g, names));
    return out;
  });
}
