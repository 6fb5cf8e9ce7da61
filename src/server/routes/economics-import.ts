// IT economics import (contracts in src/contracts/economics-import.ts): the template download and the
// upload, each handed to its use case. An import refused because of errors answers 400 with the report.
import type { FastifyInstance } from 'fastify';
import * as api from '../../contracts/economics-import.ts';
import { importEconomics } from '../../economics/import-economics.ts';
import { economicsTemplate, TEMPLATE_FILENAME } from '../../import/economics-template.ts';
import { listMunicipalities } from '../../store/organisation.ts';
import { requireUser } from '../auth.ts';
import { uploadedFile } from '../http.ts';
import { route } from '../route.ts';

export async function economicsImportRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.economicsTemplate, async (req, reply) => {
    // The template lists the caller's association's municipalities (those it may import).
    const members = requireUser(req).associationMembers;
    const municipalities = (await listMunicipalities(db)).filter((m) => !members || members.includes(m.code));
    const buf = await economicsTemplate({ municipalities, year: req.query.year });
    return reply.type(api.XLSX_TYPE).header('content-disposition', `attachment; filename="${TEMPLATE_FILENAME}"`).send(buf);
  });

  route(app, api.importEconomicsFile, async (req, reply) => {
    const user = requireUser(req);
    const file = await uploadedFile(req);
    const { report, refusal } = await importEconomics(db, { user, ip: req.ip }, file, req.query);
    if (refusal) return reply.status(400).send({ error: refusal, ...report }) as never;
    return report;
  });
}
