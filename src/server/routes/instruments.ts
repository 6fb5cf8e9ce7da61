// The instrument library (instruments and their versions).
// - Every signed-in user: the list of instruments and a version's definition (rounds and reports need them).
// - Förbundsadmin and kommunansvarig: a version's detail page (respondent previews, rounds using it,
//   compatibility of two versions).
// - Förbundsadmin: upload a version (JSON or YAML), duplicate a version as a draft, change or delete a draft.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/instruments.ts';
import { visibleItems } from '../../domain/instruments/answers.ts';
import type { Instrument } from '../../domain/instruments/schema.ts';
import { canSeeMunicipality } from '../../domain/organisation.ts';
import { SELF_ASSESSMENT_TYPE } from '../../domain/rounds.ts';
import {
  deleteDraft,
  duplicateVersion,
  storeDefinition,
  updateDraft,
  uploadInstrument,
  versionCompatibility,
  versionDetail,
  type Actor,
} from '../../instruments/service.ts';
import type { User } from '../../store/accounts.ts';
import { getInstrument, listInstruments, listVersions } from '../../store/instruments.ts';
import { requireUser } from '../auth.ts';
import { notFound } from '../http.ts';
import { route } from '../route.ts';
import { respondentInstrument } from '../../domain/instruments/answers.ts';

/**
 * Previews of the form: the instrument exactly as each kind of respondent receives it from
 * GET /api/r/:token (the same function), one per respondent type.
 */
export function respondentPreviews(instrument: Instrument) {
  if (instrument.mode === 'self-assessment')
    return [{ respondentType: SELF_ASSESSMENT_TYPE, label: 'Kommunansvarig (självskattning)', instrument: respondentInstrument(instrument, SELF_ASSESSMENT_TYPE) }];
  if (!instrument.respondentTypes.length) return [{ respondentType: null, label: 'Alla respondenter', instrument: respondentInstrument(instrument, null) }];
  const previews: Array<{ respondentType: string | null; label: string; instrument: ReturnType<typeof respondentInstrument> }> = instrument.respondentTypes.map(
    (t) => ({ respondentType: t.id, label: t.label, instrument: respondentInstrument(instrument, t.id) }),
  );
  // A respondent without a type sees only the items routed to everyone; shown when that differs.
  if (visibleItems(instrument, null).length < instrument.items.length)
    previews.push({ respondentType: null, label: 'Respondent utan angiven respondenttyp', instrument: respondentInstrument(instrument, null) });
  return previews;
}

export async function instrumentRoutes(app: FastifyInstance) {
  const { db } = app;
  const actorOf = (req: FastifyRequest, user: User): Actor => ({ id: user.id, ip: req.ip });

  route(app, api.listInstruments, async () => {
    const [instruments, versions] = await Promise.all([listInstruments(db), listVersions(db)]);
    return {
      instruments: instruments.map((i) => ({
        ...i,
        versionDetails: versions
          .filter((v) => v.id === i.id)
          .map((v) => ({ version: v.version, title: v.title, itemCount: v.itemCount, source: v.source, basedOn: v.basedOn, usedBy: v.usedBy, updatedAt: v.updatedAt })),
      })),
    };
  });

  route(app, api.getInstrument, async (req) => {
    const { id } = req.params;
    const { version } = req.query;
    const instrument = await getInstrument(db, id, version);
    if (!instrument) throw notFound(version ? `Instrumentet ${id} version ${version} finns inte` : `Instrumentet ${id} finns inte`);
    return { instrument };
  });

  /** A version for the library page: definition, respondent previews, the rounds that use it, whether it may be changed. */
  route(app, api.getVersion, async (req) => {
    const user = requireUser(req);
    const { id, version } = req.params;
    const d = await versionDetail(db, id, version);
    const versions = (await listVersions(db, id)).map((v) => v.version);
    return {
      version: {
        id: d.id,
        version: d.version,
        source: d.source,
        basedOn: d.basedOn,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        usedBy: d.usedBy,
        editable: d.editable && user.role === 'forbundsadmin',
        lockReason: d.lockReason,
      },
      instrument: d.definition,
      versions,
      previews: respondentPreviews(d.definition),
      rounds: d.rounds.map(({ municipalities, ...r }) => ({
        ...r,
        municipalityCount: municipalities.length,
        // A kommunansvarig may open the rounds that include one of their municipalities.
        accessible: user.role === 'forbundsadmin' || municipalities.some((c) => canSeeMunicipality(user, c)),
      })),
    };
  });

  /** Which items of two versions can be compared across rounds. */
  route(app, api.getCompatibility, async (req) => {
    const { id } = req.params;
    const { from, to } = req.query;
    return { compatibility: await versionCompatibility(db, id, from, to) };
  });

  // Adds or revises a version from a definition object (the format of instruments/*.json).
  route(app, api.storeDefinition, async (req, reply) => {
    const r = await storeDefinition(db, req.body, actorOf(req, requireUser(req)));
    reply.status(r.result === 'created' ? 201 : 200);
    return { result: r.result, instrument: { id: r.instrument.id, version: r.instrument.version } };
  });

  // Adds or revises a version from the text of a JSON or YAML file.
  route(app, api.uploadInstrument, async (req, reply) => {
    const r = await uploadInstrument(db, req.body, actorOf(req, requireUser(req)));
    reply.status(r.result === 'created' ? 201 : 200);
    return { result: r.result, format: r.format, instrument: { id: r.instrument.id, version: r.instrument.version } };
  });

  /** Duplicates a version as a draft with a new version id (default: the next free minor version). */
  route(app, api.duplicateVersion, async (req, reply) => {
    const { id, version } = req.params;
    const d = await duplicateVersion(db, id, version, req.body, actorOf(req, requireUser(req)));
    reply.status(201);
    return { instrument: { id: d.id, version: d.version, basedOn: d.basedOn } };
  });

  /** Replaces a draft's definition; 409 with the reason when the version is used by a round or built in. */
  route(app, api.updateDraft, async (req) => {
    const { id, version } = req.params;
    const instrument = await updateDraft(db, id, version, req.body.definition, actorOf(req, requireUser(req)));
    return { instrument };
  });

  route(app, api.deleteDraft, async (req) => {
    const { id, version } = req.params;
    await deleteDraft(db, id, version, actorOf(req, requireUser(req)));
    return { deleted: { id, version } };
  });
}
