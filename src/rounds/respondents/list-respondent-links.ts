// The personal links of a municipality's respondents (for the list, the CSV/XLSX and the CLI).
import type { Config } from '../../config.ts';
import type { Queryable } from '../../db/db.ts';
import { listRespondents } from '../../store/respondents.ts';
import { respondentLink } from '../service.ts';

export interface LinkRow {
  id: number;
  source: string;
  respondentType: string | null;
  area: string | null;
  name: string | null;
  email: string | null;
  link: string;
  invitedAt: string | null;
  remindedAt: string | null;
  reminderCount: number;
  startedAt: string | null;
  completedAt: string | null;
}

/** Personal links of a municipality's respondents (imported responses have none). */
export async function respondentLinks(db: Queryable, config: Config, roundId: number, code: string): Promise<LinkRow[]> {
  return (await listRespondents(db, roundId, code))
    .filter((r) => r.token)
    .map((r) => ({
      id: r.id,
      source: r.source,
      respondentType: r.respondentType,
      area: r.area,
      name: r.name,
      email: r.email,
      link: respondentLink(config, r.token!),
      invitedAt: r.invitedAt,
      remindedAt: r.remindedAt,
      reminderCount: r.reminderCount,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
    }));
}
