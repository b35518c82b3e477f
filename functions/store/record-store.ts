import type { Db } from './db';
import { batchGet } from './batch-write';
import { putIfChanged } from './conditional-put';
import { markGroupsChanged } from './group-store';
import { scheduleExpiry } from './retention-store';
import type { PlannedItem } from '../core/ingest/record-items';

/**
 * Counts returned to the clinic: records this request wrote (new or corrected) and records already stored as
 * sent (by an earlier request, or by a concurrent copy of this one that wrote them first).
 */
export interface WriteCounts {
  accepted: number;
  unchanged: number;
}

/**
 * Writes the records whose content differs from what is stored (idempotent: natural keys, content
 * hashes), marking their groups changed before and after so a crash at any point leaves a state the same
 * batch can be retried onto and the nightly run still finds the group. The read skips what is plainly
 * stored already; the conditional puts decide what this request changed, so concurrent copies of one batch
 * together report each record accepted once.
 */
export const writeRecords = async (
  db: Db,
  planned: readonly PlannedItem[],
  clock: () => string = () => new Date().toISOString(),
): Promise<WriteCounts> => {
  const stored = await batchGet(db, planned.map((p) => p.key), ['contentHash']);
  const changed = planned.filter((p) => stored.get(`${p.key.pk}|${p.key.sk}`)?.['contentHash'] !== p.contentHash);
  let written = 0;
  if (changed.length > 0) {
    const groups = changed.map((p) => p.groupId);
    await markGroupsChanged(db, groups, clock());
    await scheduleExpiry(db, changed);
    written = await putIfChanged(db, changed);
    await markGroupsChanged(db, groups, clock());
  }
  return { accepted: written, unchanged: planned.length - written };
};
