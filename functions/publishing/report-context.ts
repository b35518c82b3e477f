import { findInstrument } from '../core/instruments';
import { NHS_TT } from '../core/outcomes/nhs-talking-therapies';
import type { FigureRow } from '../core/figures/figure-row';
import type { StoredProgramme } from '../store/organisation-store';
import type { ReportContext } from '../../reports/report-context';
import { instrumentInfo } from './instrument-info';

/**
 * The context reports are built from. `asOf` is the data watermark (never the wall clock), so the same
 * data always renders to the same bytes.
 */
export const reportContext = (
  programmes: readonly StoredProgramme[],
  rows: readonly FigureRow[],
  asOf: string,
  policy: { k: number; rounding: number },
  suppressionNotes: readonly string[] = [],
): ReportContext => {
  const funders = new Map<string, { id: string; name: string; programmeIds: string[] }>();
  for (const programme of programmes) {
    for (const funder of programme.funders) {
      const entry = funders.get(funder.funderId) ?? { id: funder.funderId, name: funder.name, programmeIds: [] };
      entry.programmeIds.push(programme.programmeId);
      funders.set(funder.funderId, entry);
    }
  }
  // The NHS Talking Therapies set is no instrument: its figures are named by the set, and its method note is added.
  const instruments = [...new Set(rows.map((r) => r.instrument).filter((id) => id !== '' && id !== NHS_TT.set))].sort();
  return {
    generatedAt: asOf,
    watermark: asOf,
    programmes: programmes.map((p) => ({ id: p.programmeId, name: p.name, ...(p.completion !== undefined && { completion: p.completion }), ...(p.targets !== undefined && { targets: p.targets }) })),
    funders: [...funders.values()].sort((a, b) => a.id.localeCompare(b.id)),
    policy,
    instruments: instruments.map((id) => instrumentInfo(findInstrument(id))),
    suppressionNotes,
    ...(rows.some((r) => r.instrument === NHS_TT.set) && { nhsTalkingTherapies: true }),
  };
};
