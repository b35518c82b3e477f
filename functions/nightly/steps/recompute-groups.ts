import type { NightlyContext } from '../nightly-context';
import { completionRuleOf, summariseGroup } from '../../core/rollup/summarise-group';
import { readGroupRecords } from '../../store/group-records';
import { deleteGroupStats, putGroupStats } from '../../store/stats-store';
import { getProgramme } from '../../store/organisation-store';
import { addToRun } from '../../store/run-store';

export interface RecomputeInput {
  Items: readonly string[];
  BatchInput: { runId: string; leaseToken?: string };
}

/**
 * Step 2 (one Map batch): recompute each group's statistics from its records and store them under its
 * programme. Pure recomputation from the records, so running a batch twice stores the same thing.
 */
export const recomputeGroupsStep = async (ctx: NightlyContext, input: RecomputeInput): Promise<{ recomputed: number }> => {
  const rules = new Map<string, { rule: ReturnType<typeof completionRuleOf>; nhsTalkingTherapies: boolean }>();
  let recomputed = 0;
  for (const groupId of input.Items) {
    const records = await readGroupRecords(ctx.db, groupId);
    if (records.meta === undefined) continue;
    const programmeId = String(records.meta['programmeId']);
    if (!rules.has(programmeId)) {
      const programme = await getProgramme(ctx.db, programmeId);
      rules.set(programmeId, { rule: completionRuleOf(programme?.completion), nhsTalkingTherapies: programme?.outcomeSets?.nhsTalkingTherapies === true });
    }
    const { rule, nhsTalkingTherapies } = rules.get(programmeId)!;
    const summary = summariseGroup(records.meta, records.attendance, records.responses, rule, { nhsTalkingTherapies });
    const previous = typeof records.meta['statsProgrammeId'] === 'string' ? records.meta['statsProgrammeId'] : undefined;
    if (summary === null) {
      if (previous !== undefined) await deleteGroupStats(ctx.db, previous, groupId);
    } else {
      await putGroupStats(ctx.db, summary, previous);
    }
    recomputed += 1;
  }
  await addToRun(ctx.db, input.BatchInput.runId, 'groupsRecomputed', recomputed);
  return { recomputed };
};
