import type { Db } from './db';
import { batchGet, putAll } from './batch-write';
import { markGroupsChanged } from './group-store';
import type { PlannedItem } from '../core/ingest/record-items';

/** Counts returned to the clinic: records written (new or corrected) and records already stored as sent. */
export interface WriteCounts {
  accepted: number;
  unchanged: number;
}

/**
 * Writes the records whose content differs from what is stored (idempotent: natural keys, content
 * hashes), marking their groups changed before and after so a crash at any point leaves a state the same
 * batch can be retried onto and the nightly run still finds the group.
 */
export const writeRecords = async (
  db: Db,
  planned: readonly PlannedItem[],
  clock: () => string = () => new Date().toISOString(),
): Promise<WriteCounts> => {
  const stored = await batchGet(db, planned.map((p) => p.key), ['contentHash']);
  const changed = planned.filter((p) => stored.get(`${p.key.pk}|${p.key.sk}`)?.['contentHash'] !== p.contentHash);
  if (changed.length > 0) {
    const groups = changed.map((p) => p.groupId);
    await markGroupsChanged(db, groups, clock());
    await putAll(db, changed.map((p) => p.item));
    await markGroupsChanged(db, groups, clock());
  }
  return { accepted: changed.length, unchanged: planned.length - changed.length };
};
