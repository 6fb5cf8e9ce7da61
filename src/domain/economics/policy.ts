// Who may see and change IT economics (DOMAIN.md §8, issue 12 deliverable 7). Pure rules; the use cases
// in src/economics/ apply them and throw.
//
// - förbundsadmin: sees and edits every municipality's economics; alone edits groups, benchmarks,
//   savings scenarios and cost-sharing models.
// - kommunansvarig: enters and sees their own municipalities' economics.
// - In a group comparison everyone signed in sees the group; members the viewer may not see are shown
//   as "Kommun N" (stable per group and year, not in code order) with their sources and notes withheld,
//   unless the association has published the group's comparison with names (namedPublished).
import { anonymiseMunicipalities } from '../analysis/privacy.ts';
import { canSeeMunicipality, type Role, type Viewer } from '../organisation.ts';
import type { NameOf } from './compute.ts';
import type { GroupComparisonView, QualityFlag } from './view.ts';

/** Roles that change groups, benchmarks, savings scenarios and cost-sharing models. */
export const ECONOMICS_ADMINS: readonly Role[] = ['forbundsadmin'];

export const isEconomicsAdmin = (v: Viewer) => ECONOMICS_ADMINS.includes(v.role);

export const NOT_OWN_MUNICIPALITY = 'Du kan bara se och ändra it-ekonomin för din egen kommun';
export const ADMIN_ONLY = 'Bara förbundet kan ändra grupper, riktmärken, besparingsscenarier och kostnadsfördelning';

/** Whether the viewer sees a municipality's economics with its name (association, own municipality). */
export const canSeeEconomics = (v: Viewer, code: string) => canSeeMunicipality(v, code);

/**
 * Whether the viewer may enter or change a municipality's economics: a förbundsadmin its association's
 * members (canSeeMunicipality; the command-line operator of its --association), a kommunansvarig its own.
 */
export const canEditEconomics = (v: Viewer, code: string) =>
  (v.role === 'forbundsadmin' && canSeeMunicipality(v, code)) || (v.role === 'kommunansvarig' && v.municipalities.includes(code));

/** Why the viewer may not change the municipality's economics (null: they may). */
export const economicsEditRefusal = (v: Viewer, code: string): string | null => (canEditEconomics(v, code) ? null : NOT_OWN_MUNICIPALITY);

/** Why the viewer may not change groups, benchmarks, scenarios or cost sharing (null: they may). */
export const economicsAdminRefusal = (v: Viewer): string | null => (isEconomicsAdmin(v) ? null : ADMIN_ONLY);

/** A municipality's name from a lookup, or its code when the lookup lacks it. */
export const nameOfCodes =
  (names: Readonly<Record<string, string>>): NameOf =>
  (code) =>
    names[code] ?? code;

/** The seed of a group comparison's anonymisation: the same labels for everyone looking at that group and year. */
export const anonymisationSeed = (groupId: number, year: number) => `economics:${groupId}:${year}`;

export interface GroupNaming {
  /** Every member is shown by name. */
  named: boolean;
  /** Whether the viewer sees this member's name (and its sources and notes). */
  visible: (code: string) => boolean;
  /** The name shown for a member: its name, or "Kommun N". */
  nameOf: NameOf;
}

/**
 * How the viewer sees a group's members in a comparison for one year: by name when the viewer is the
 * association, the member is the viewer's own municipality, or the group is published with names;
 * otherwise "Kommun N" from anonymiseMunicipalities with the group and year as seed.
 */
export function groupNaming(
  v: Viewer,
  group: { id: number; members: readonly string[]; namedPublished: boolean },
  year: number,
  names: Readonly<Record<string, string>>,
): GroupNaming {
  const named = group.namedPublished || isEconomicsAdmin(v);
  const visible = (code: string) => named || canSeeEconomics(v, code);
  const labels = anonymiseMunicipalities(group.members, anonymisationSeed(group.id, year));
  const nameOf: NameOf = (code) => (visible(code) ? (names[code] ?? code) : (labels[code] ?? 'Kommun'));
  return { named: named || group.members.every(visible), visible, nameOf };
}

const byName = <T>(name: (x: T) => string) => (a: T, b: T) => name(a).localeCompare(name(b), 'sv', { numeric: true });

/**
 * A computed comparison as the viewer may see it: codes of hidden members replaced by their label,
 * their sources and notes withheld, and the lists ordered by the name shown (so the order does not
 * reveal the codes). Names in the computed view already come from `naming.nameOf`.
 */
export function redactComparison(view: GroupComparisonView, naming: GroupNaming): GroupComparisonView {
  if (naming.named) return view;
  const code = (c: string) => (naming.visible(c) ? c : naming.nameOf(c));
  const hidden = (c: string | undefined) => c !== undefined && !naming.visible(c);
  const flag = (f: QualityFlag): QualityFlag => (f.municipalityCode === undefined ? f : { ...f, municipalityCode: code(f.municipalityCode) });
  const members = view.members
    .map((m) =>
      hidden(m.municipalityCode)
        ? {
            ...m,
            municipalityCode: code(m.municipalityCode),
            netCostSource: '',
            source: '',
            note: '',
            pools: m.pools.map((p) => ({ ...p, source: '', note: '' })),
            budgetLines: m.budgetLines.map((l) => ({ ...l, source: '', note: '' })),
            flags: m.flags.map(flag),
          }
        : m,
    )
    .sort(byName((m) => m.municipality));
  return {
    ...view,
    named: false,
    members,
    // The group's pools join the members' sources: withheld with theirs.
    pools: view.pools.map((p) => ({ ...p, source: '', note: '' })),
    savings: view.savings.map((s) => ({
      ...s,
      cells: s.cells.map((c) => ({ ...c, municipalityCode: code(c.municipalityCode) })).sort(byName((c) => c.municipality)),
      perMunicipality: s.perMunicipality.map((p) => ({ ...p, municipalityCode: code(p.municipalityCode) })).sort(byName((p) => p.municipality)),
      flags: s.flags.map(flag),
    })),
    costSharing: view.costSharing.map((c) => ({
      ...c,
      members: c.members.map((m) => ({ ...m, municipalityCode: code(m.municipalityCode) })).sort(byName((m) => m.municipality)),
      flags: c.flags.map(flag),
    })),
    flags: view.flags.map(flag),
  };
}
