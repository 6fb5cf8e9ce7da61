// The scope of every respondent use case: a round and one of its municipalities, seen by a
// förbundsadmin or the municipality's kommunansvarig. Checked in this order: 404 unknown round,
// 403 another municipality (404 a round of another association), 404 a municipality the round does not include (and an unknown respondent).
import type { Queryable } from '../../db/db.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { canSeeMunicipality, type Role } from '../../domain/organisation.ts';
import { getRespondent, type RespondentWithToken } from '../../store/respondents.ts';
import type { Round } from '../../store/rounds.ts';
import { requireRoundMunicipality, requireVisibleRound, type Actor } from '../service.ts';

/** Who acts: their role and municipalities decide the scope; id, name and ip go into the event log. */
export interface ScopeUser extends Actor {
  role: Role;
  municipalities: string[];
  /** The account's association: another association's round does not exist for the user (404). */
  associationId?: number | null;
  associationMembers?: readonly string[];
}

export interface MunicipalityScope {
  round: Round;
  code: string;
}

export async function requireMunicipalityScope(db: Queryable, user: ScopeUser, roundId: number, code: string): Promise<MunicipalityScope> {
  const round = await requireVisibleRound(db, user, roundId);
  if (!canSeeMunicipality(user, code)) throw forbidden('Du har inte behörighet till den här kommunens uppgifter');
  requireRoundMunicipality(round, code);
  return { round, code };
}

export async function requireScopedRespondent(
  db: Queryable,
  user: ScopeUser,
  roundId: number,
  code: string,
  respondentId: number,
): Promise<MunicipalityScope & { respondent: RespondentWithToken }> {
  const scope = await requireMunicipalityScope(db, user, roundId, code);
  const respondent = await getRespondent(db, respondentId);
  if (!respondent || respondent.roundId !== roundId || respondent.municipality !== code) throw notFound('Respondenten finns inte');
  return { ...scope, respondent };
}
