import type { FigureRow } from '../functions/core/figures/figure-row';
import { findInstrument } from '../functions/core/instruments';
import { attendanceItem, dedupeByKey, responseItem, type PlannedItem, type Stamp } from '../functions/core/ingest/record-items';
import { pseudonymise } from '../functions/core/pseudonymise';
import { completionRuleOf, summariseGroup } from '../functions/core/rollup/summarise-group';
import type { GroupSummary } from '../functions/core/rollup/group-summary';
import { figureRows, rollUp } from '../functions/core/rollup/roll-up';
import { scoreAdministration } from '../functions/core/scoring';
import { DEMO_PROGRAMMES } from '../infra/local/seed/demo-organisation';
import { syntheticDataset, type DatasetSize } from '../infra/local/seed/synthetic-dataset';

/** A fixed pseudonymisation key (the bench never touches a real one): same pseudonyms on every run. */
const SECRET = new Uint8Array(32).fill(7);

/** The unsuppressed figure rows of a synthetic organisation, through the nightly's pure core (no HTTP, no store). */
export const syntheticRows = (today: string, seed: number, size: DatasetSize): { rows: FigureRow[]; groups: number; participants: number } => {
  const submissions = syntheticDataset(today, seed, size);
  // As ingest stores them: participant references replaced by the clinic-scoped keyed hash, duplicates collapsed.
  const stamp = (clinicId: string): Stamp => ({ clinicId, receivedAt: `${today}T00:00:00.000Z`, expiresAt: 0 });
  const byGroup = new Map<string, { attendance: Record<string, unknown>[]; responses: Record<string, unknown>[] }>();
  const records = (groupId: string) => {
    let entry = byGroup.get(groupId);
    if (entry === undefined) byGroup.set(groupId, (entry = { attendance: [], responses: [] }));
    return entry;
  };
  const pids = new Set<string>();
  const summaries: GroupSummary[] = [];
  const rules = new Map(DEMO_PROGRAMMES.map((p) => [p.programmeId, completionRuleOf(p.completion)]));
  for (const clinic of submissions) {
    const attendance: PlannedItem[] = clinic.attendance.map((r) => {
      const pid = pseudonymise(SECRET, clinic.clinicId, r.participantRef);
      pids.add(pid);
      return attendanceItem(r, pid, stamp(clinic.clinicId));
    });
    const responses: PlannedItem[] = clinic.responses.map((r) =>
      responseItem(r, pseudonymise(SECRET, clinic.clinicId, r.participantRef),
        scoreAdministration(findInstrument(r.instrument), r.items as (number | null)[]), stamp(clinic.clinicId)));
    for (const planned of dedupeByKey(attendance, 'records').unique) records(planned.groupId).attendance.push(planned.item);
    for (const planned of dedupeByKey(responses, 'responses').unique) records(planned.groupId).responses.push(planned.item);
    for (const group of clinic.groups) {
      const meta = { ...group, instruments: [...group.instruments], ended: group.ended ?? false, clinicId: clinic.clinicId, changedAt: `${today}T00:00:00.000Z` };
      const { attendance: marks, responses: answers } = records(group.groupId);
      const summary = summariseGroup(meta, marks, answers, rules.get(group.programmeId) ?? completionRuleOf(undefined));
      if (summary !== null) summaries.push(summary);
    }
  }
  return { rows: figureRows(rollUp(summaries)), groups: summaries.length, participants: pids.size };
};
