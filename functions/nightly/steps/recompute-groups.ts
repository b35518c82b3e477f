import type { NightlyContext } from '../nightly-context';
import { completionRuleOf, summariseGroup } from '../../core/rollup/summarise-group';
import { readGroupRecords } from '../../store/group-records';
import { deleteGroupStats, putGroupStats } from '../../store/stats-store';
import { getProgramme } from '../../store/organisation-store';
import { addToRun } from '../../store/run-store';
import { inParallel } from '../../store/in-parallel';

/** Groups of one batch read and recomputed at once. */
const GROUPS_IN_FLIGHT = 4;

export interface RecomputeInput {
  Items: readonly string[];
  BatchInput: { runId: string; leaseToken?: string };
}

/**
 * Step 2 (one Map batch): recompute each group's statistics from its records and store them under its
 * programme. Pure recomputation from the records, so running a batch twice stores the same thing.
 */
export const recomputeGroupsStep = async (ctx: NightlyContext, input: RecomputeInput): Promise<{ recomputed: number }> => {
  // One read of each programme's completion rule and outcome sets per batch, shared by the groups read at once.
  const rules = new Map<string, Promise<{ rule: ReturnType<typeof completionRuleOf>; nhsTalkingTherapies: boolean }>>();
  const ruleOf = (programmeId: string) => {
    let rule = rules.get(programmeId);
    if (rule === undefined) {
      rules.set(programmeId, (rule = getProgramme(ctx.db, programmeId).then((p) => ({
        rule: completionRuleOf(p?.completion), nhsTalkingTherapies: p?.outcomeSets?.nhsTalkingTherapies === true,
      }))));
    }
    return rule;
  };
  let recomputed = 0;
  // Groups are independent: a few at a time, so the batch waits on the store less (each group still one Query).
  await inParallel(input.Items, GROUPS_IN_FLIGHT, async (groupId) => {
    const records = await readGroupRecords(ctx.db, groupId);
    if (records.meta === undefined) return;
    const programmeId = String(records.meta['programmeId']);
    const { rule, nhsTalkingTherapies } = await ruleOf(programmeId);
    const summary = summariseGroup(records.meta, records.attendance, records.responses, rule, { nhsTalkingTherapies });
    const previous = typeof records.meta['statsProgrammeId'] === 'string' ? records.meta['statsProgrammeId'] : undefined;
    if (summary === null) {
      if (previous !== undefined) await deleteGroupStats(ctx.db, previous, groupId);
    } else {
      await putGroupStats(ctx.db, summary, previous);
    }
    recomputed += 1;
  });
  await addToRun(ctx.db, input.BatchInput.runId, 'groupsRecomputed', recomputed);
  return { recomputed };
};
