// Demo risk register (DOMAIN.md §9): Förstudierapport 4D, Bilaga 5, exactly as published — the 18 risks as
// the group register of the four 4D municipalities, each municipality's published value (valueOnly), "-"
// kept as not assessed. The source's "Ämål" is matched to Åmål with a warning kept in the assessment's note
// (a data-quality flag, shown by the API and the CLI). Synthesised and labelled as such: a 2025 follow-up of
// two of Mellerud's assessments (to show change) and three risks in Mellerud's own register, one linked to
// the 4D joint IT organisation initiative. Idempotent.
import type { Db, Queryable } from '../db/db.ts';
import { matchMunicipality, nameMatchedMessage } from '../domain/economics/names.ts';
import { QUALITY_PREFIX } from '../domain/risk/assess.ts';
import type { AssessmentInput, RiskInput } from '../domain/risk/schema.ts';
import { cite } from '../domain/sources.ts';
import { ensureGroup } from '../store/groups.ts';
import { listMunicipalities } from '../store/organisation.ts';
import { ensureDefaultThemes, insertAssessment, insertRisk } from '../store/risks.ts';
import { BILAGA5_ASSESSED_ON, BILAGA5_RISKS, BILAGA5_WRITTEN_NAMES, GROUP_4D } from './data/risks-4d.ts';

export const SYNTHESISED_NOTE = 'Syntetiserad demodata (inte ur källrapporterna).';
const MELLERUD = '1461';

const base = { owner: '', measure: '', status: 'identifierad', reviewDate: null, initiativeId: null, note: '', synthesised: false } as const;

export async function loadDemoRisks(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await ensureDefaultThemes(tx);
    // The 4D group is Fyrbodal's (issue 14), explicitly.
    const fyrbodal = (await tx.query<{ id: number }>("SELECT id FROM associations WHERE short_id = 'fyrbodal'")).rows[0];
    const groupId = await ensureGroup(tx, { name: GROUP_4D.name, members: GROUP_4D.members }, fyrbodal ? Number(fyrbodal.id) : undefined);
    const source = cite('forstudie-4d-2024', 'Bilaga 5');
    const loaded = (await tx.query('SELECT 1 FROM risks WHERE group_id = $1 AND source = $2', [groupId, source])).rows.length > 0;
    const ids: number[] = [];
    if (!loaded) {
      const municipalities = await listMunicipalities(tx);
      const matched = BILAGA5_WRITTEN_NAMES.map((written) => {
        const m = matchMunicipality(written, municipalities);
        if (!m) throw new Error(`Demodata: kommunnamnet "${written}" i Bilaga 5 kunde inte tolkas`);
        return { written, code: m.code, note: m.approximate ? `${QUALITY_PREFIX}${nameMatchedMessage(written, m.name)} (så skriver källan).` : '' };
      });
      for (const [i, r] of BILAGA5_RISKS.entries()) {
        const input: RiskInput = { ...base, scope: { kind: 'group', groupId }, themeId: r.themeId, title: r.title, source };
        const id = await insertRisk(tx, input, (i + 1) * 10);
        ids.push(id);
        for (const m of matched) {
          const v = r.values[m.written];
          const a: AssessmentInput = {
            municipalityCode: m.code,
            assessedOn: BILAGA5_ASSESSED_ON,
            assessment: v === '-' ? { state: 'notAssessed' } : { state: 'valueOnly', value: v },
            source,
            note: m.note,
          };
          await insertAssessment(tx, id, a, null);
        }
      }
      await synthesisedFollowUp(tx, ids);
    }
    await mellerudRegister(tx);
  });
}

/** Two of Mellerud's assessments followed up in 2025 (synthesised), so that a risk's change shows. */
async function synthesisedFollowUp(tx: Queryable, ids: number[]) {
  const follow: Array<[number, number, number]> = [
    [12, 3, 4], // "It-avdelningen är överbelastad …": 16 in 2024
    [13, 3, 3], // "… upprätthålla en hög nivå av it-säkerhet …": 12 in 2024
  ];
  for (const [index, probability, consequence] of follow)
    await insertAssessment(
      tx,
      ids[index],
      {
        municipalityCode: MELLERUD,
        assessedOn: '2025-09-15',
        assessment: { state: 'assessed', probability, consequence },
        source: 'Demodata',
        note: `${SYNTHESISED_NOTE} Uppföljning 2025 för att visa en risks förändring över tid.`,
      },
      null,
    );
}

/** Three synthesised risks in Mellerud's own register, one linked to the 4D joint IT organisation. */
async function mellerudRegister(tx: Queryable) {
  const initiative = (await tx.query<{ id: number }>(`SELECT id FROM initiatives WHERE demo_key = '4d-gemensam-it-organisation'`)).rows[0];
  const risks: Array<{ input: Omit<RiskInput, 'scope' | 'source' | 'synthesised' | 'note'>; p: number; c: number }> = [
    {
      input: {
        themeId: 'it_sakerhet',
        title: 'Övergången till den gemensamma it-organisationen stör driften av verksamhetskritiska system.',
        owner: 'It-chef',
        measure: 'Stegvis övergång med gemensam plan för driftsättning och återgång.',
        status: 'hanteras',
        reviewDate: '2026-03-31',
        initiativeId: initiative ? Number(initiative.id) : null,
      },
      p: 2,
      c: 4,
    },
    {
      input: {
        themeId: 'resurs_kompetens',
        title: 'Nyckelpersoner inom it slutar under omställningen.',
        owner: 'HR-chef',
        measure: 'Kompetensöverföring och dokumentation av personbunden kunskap.',
        status: 'hanteras',
        reviewDate: '2026-06-30',
        initiativeId: null,
      },
      p: 3,
      c: 3,
    },
    {
      input: {
        themeId: 'digital_utveckling',
        title: 'Licenskostnaderna för Microsoft 365 ökar mer än budgeterat.',
        owner: 'Ekonomichef',
        measure: 'Gemensam upphandling och översyn av licenser.',
        status: 'identifierad',
        reviewDate: '2026-09-30',
        initiativeId: null,
      },
      p: 2,
      c: 2,
    },
  ];
  for (const [i, r] of risks.entries()) {
    const exists = (await tx.query('SELECT 1 FROM risks WHERE municipality_code = $1 AND title = $2', [MELLERUD, r.input.title])).rows.length > 0;
    if (exists) continue;
    const id = await insertRisk(
      tx,
      { ...r.input, scope: { kind: 'municipality', municipalityCode: MELLERUD }, source: 'Demodata', note: SYNTHESISED_NOTE, synthesised: true },
      (i + 1) * 10,
    );
    await insertAssessment(
      tx,
      id,
      { municipalityCode: null, assessedOn: '2025-10-01', assessment: { state: 'assessed', probability: r.p, consequence: r.c }, source: 'Demodata', note: SYNTHESISED_NOTE },
      null,
    );
  }
}
