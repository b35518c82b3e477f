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
 * hashes), marking their groups changed first, so a crash at any point leaves a state the same batch can be
 * retried onto and the nightly run still finds the group. The read skips what is plainly stored already; the
 * conditional puts decide what this request changed, so concurrent copies of one batch together report each
 * record accepted once.
 *
 * One marker per group is enough: it is stamped before the first put, and every put of this request lands
 * within the function's timeout (29 s, `INGEST_WRITE_WINDOW_MS`) after it. A nightly run whose window closed
 * between the marker and the last put may read the group without those records; the next run still lists the
 * group, since each run looks back `WATERMARK_OVERLAP_MS` (5 minutes) before the last window's end.
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
    await markGroupsChanged(db, changed.map((p) => p.groupId), clock());
    await scheduleExpiry(db, changed);
    written = await putIfChanged(db, changed);
  }
  return { accepted: written, unchanged: planned.length - written };
};

/** The longest a write request runs after stamping its groups' markers: the API functions' timeout (see writeRecords). */
export const INGEST_WRITE_WINDOW_MS = 29_000;
