// Creates or changes a group of municipalities compared together (association): a new group belongs to the
// admin's association; its members must be members of the group's association (400 naming the code and the
// association), its name unique within the association; namedPublished shows the members' names to everyone.
import type { Db } from '../db/db.ts';
import { groupInput } from '../domain/economics/schema.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { requireAssociationMembers } from '../associations/members.ts';
import { viewerAssociation } from '../domain/association-scope.ts';
import { createGroup as storeCreate, getGroup, groupNameTaken, updateGroup as storeUpdate } from '../store/groups.ts';
import { checked, municipalityNames, requireEconomicsAdmin, requireKnownMunicipalities, type Caller } from './common.ts';
import { groupSummary, type GroupSummary } from './list-groups.ts';

export const GROUP_NAME_TAKEN = 'Det finns redan en grupp med det namnet';

/** Creates a group (id null) or replaces group `id`'s fields and members. */
export async function saveGroup(db: Db, caller: Caller, id: number | null, input: unknown): Promise<GroupSummary> {
  requireEconomicsAdmin(caller.user);
  const group = checked(groupInput, input);
  return db.transaction(async (tx) => {
    const names = await municipalityNames(tx);
    requireKnownMunicipalities(names, group.members, 'members');
    const existing = id === null ? null : await getGroup(tx, id);
    if (id !== null && !existing) throw notFound('Gruppen finns inte');
    const associationId = existing ? existing.associationId : viewerAssociation(caller.user);
    await requireAssociationMembers(tx, associationId, group.members, 'members');
    if (await groupNameTaken(tx, group.name, id ?? undefined, associationId)) throw conflict(GROUP_NAME_TAKEN);
    const savedId = id ?? (await storeCreate(tx, group, associationId));
    if (id !== null) await storeUpdate(tx, id, group);
    await audit(tx, {
      actor: caller.user.id,
      action: id === null ? 'economics.group_created' : 'economics.group_updated',
      target: group.name,
      ip: caller.ip,
      details: { id: savedId, members: group.members, namedPublished: group.namedPublished },
    });
    return groupSummary(tx, (await getGroup(tx, savedId))!, names);
  });
}
