// The instrument library (instruments and their versions).
// - Every signed-in user: the list of instruments and a version's definition (rounds and reports need them).
// - Förbundsadmin and kommunansvarig: a version's detail page (respondent previews, rounds using it,
//   compatibility of two versions).
// - Förbundsadmin: upload a version (JSON or YAML), duplicate a version as a draft, change or delete a draft.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
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
import { requireRole, requireUser } from '../auth.ts';
import { notFound, parse } from '../http.ts';
import { respondentInstrument } from '../../domain/instruments/answers.ts';

const instrumentId = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Ogiltigt instrument-id').max(100);
const versionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, 'Ogiltig version');
const versionParams = z.object({ id: instrumentId, version: versionId });

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

  app.get('/instruments', async (req) => {
    requireUser(req);
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

  app.get('/instruments/:id', async (req) => {
    requireUser(req);
    const { id } = parse(z.object({ id: instrumentId }), req.params);
    const { version } = parse(z.object({ version: z.string().max(50).optional() }), req.query);
    const instrument = await getInstrument(db, id, version);
    if (!instrument) throw notFound(version ? `Instrumentet ${id} version ${version} finns inte` : `Instrumentet ${id} finns inte`);
    return { instrument };
  });

  /** A version for the library page: definition, respondent previews, the rounds that use it, whether it may be changed. */
  app.get('/instruments/:id/versions/:version', async (req) => {
    const user = requireRole(req, 'forbundsadmin', 'kommunansvarig');
    const { id, version } = parse(versionParams, req.params);
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
  app.get('/instruments/:id/compatibility', async (req) => {
    requireRole(req, 'forbundsadmin', 'kommunansvarig');
    const { id } = parse(z.object({ id: instrumentId }), req.params);
    const { from, to } = parse(z.object({ from: versionId, to: versionId }), req.query);
    return { compatibility: await versionCompatibility(db, id, from, to) };
  });

  // Adds or revises a version from a definition object (the format of instruments/*.json).
  app.post('/instruments', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin');
    const r = await storeDefinition(db, req.body, actorOf(req, user));
    return reply.status(r.result === 'created' ? 201 : 200).send({ result: r.result, instrument: { id: r.instrument.id, version: r.instrument.version } });
  });

  // Adds or revises a version from the text of a JSON or YAML file.
  app.post('/instruments/upload', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin');
    const body = parse(
      z.object({
        text: z.string().max(900_000, 'Filen är för stor'),
        format: z.enum(['json', 'yaml'], { error: 'Formatet ska vara json eller yaml' }).optional(),
        filename: z.string().max(255).optional(),
      }),
      req.body,
    );
    const r = await uploadInstrument(db, body, actorOf(req, user));
    return reply
      .status(r.result === 'created' ? 201 : 200)
      .send({ result: r.result, format: r.format, instrument: { id: r.instrument.id, version: r.instrument.version } });
  });

  /** Duplicates a version as a draft with a new version id (default: the next free minor version). */
  app.post('/instruments/:id/versions/:version/duplicate', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id, version } = parse(versionParams, req.params);
    const body = parse(
      z.object({
        version: z.string().trim().min(1, 'Ange en version').max(50, 'Versionen får vara högst 50 tecken').optional(),
        title: z.string().trim().min(1, 'Ange en titel').max(300, 'Titeln får vara högst 300 tecken').optional(),
      }),
      req.body ?? {},
    );
    const d = await duplicateVersion(db, id, version, body, actorOf(req, user));
    return reply.status(201).send({ instrument: { id: d.id, version: d.version, basedOn: d.basedOn } });
  });

  /** Replaces a draft's definition; 409 with the reason when the version is used by a round or built in. */
  app.put('/instruments/:id/versions/:version', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id, version } = parse(versionParams, req.params);
    const { definition } = parse(z.object({ definition: z.unknown() }), req.body);
    const instrument = await updateDraft(db, id, version, definition, actorOf(req, user));
    return { instrument };
  });

  app.delete('/instruments/:id/versions/:version', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id, version } = parse(versionParams, req.params);
    await deleteDraft(db, id, version, actorOf(req, user));
    return { deleted: { id, version } };
  });
}
