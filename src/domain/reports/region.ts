// The region report (issue 14): the region's four associations' indicators and funds side by side in the
// shape of VGR Analys 2025:40 tables 1–8 (per association an indicator table and a funding table), the flags in
// a method and quality appendix. One model for PDF, DOCX and XLSX. Aggregate figures only. Pure.
import type { AssociationFollowUp } from '../portfolio/indicators.ts';
import { associationBlocks, indicatorData, methodSection } from './indicators.ts';
import type { ReportModel } from './model.ts';

export interface RegionFollowUp {
  region: string;
  year: number;
  generatedAt: string;
  associations: AssociationFollowUp[];
}

const SHEETS: Record<string, string> = { fyrbodal: 'Fyrbodal', gr: 'Göteborgsregionen', sjuharad: 'Sjuhärad', skaraborg: 'Skaraborg' };

export function regionReport(r: RegionFollowUp): ReportModel {
  const date = r.generatedAt.slice(0, 10);
  return {
    kind: 'indicators',
    title: `Regional uppföljning ${r.year}: delregionala digitaliseringsstrategier`,
    subtitle: r.region,
    landscape: true,
    preliminary: false,
    header: `Regional uppföljning ${r.year}`,
    footer: `${r.region} · genererad ${date} med samverka`,
    municipality: null,
    meta: {
      generatedAt: date,
      facts: [
        ['Region', r.region],
        ['År', String(r.year)],
        ['Förbund', r.associations.map((a) => a.association.name).join(', ')],
        ['Framtagen', date],
      ],
    },
    data: indicatorData(r.associations),
    sections: [
      ...r.associations.map((f, k) => ({
        id: `forbund-${f.association.shortId}`,
        heading: f.association.name,
        sheet: (SHEETS[f.association.shortId] ?? f.association.name).slice(0, 31),
        blocks: associationBlocks(f, { indicators: `Tabell ${2 * k + 1}`, funding: `Tabell ${2 * k + 2}` }),
      })),
      methodSection(r.associations),
    ],
  };
}
