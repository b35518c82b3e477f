import { checkAgainstGroups, type GroupedRecord } from '../core/ingest/check-records';
import { dedupeByKey, expiryAfter, type PlannedItem, type Stamp } from '../core/ingest/record-items';
import type { StoredGroup } from '../core/ingest/stored-group';
import { pseudonymise } from '../core/pseudonymise';
import { Messages } from '../core/messages';
import type { Problem } from '../core/validation/problem';
import { ValidationError } from './errors';
import { db, retentionDays } from '../runtime/context';
import { pseudonymSecret } from '../runtime/pseudonym-secret';
import { getGroups } from '../store/group-store';
import { writeRecords, type WriteCounts } from '../store/record-store';

/** How one kind of batch record is checked and stored. */
export interface BatchKind<R extends GroupedRecord & { participantRef: string }> {
  /** Name of the array in the payload, used in problem paths (`records`, `responses`). */
  collection: string;
  /** Payload name of the record's date, used in problem paths (default `date`). */
  dateField?: string;
  /** Problems of one record beyond the group checks (e.g. item answers against the instrument). */
  check: (record: R, index: number, group: StoredGroup) => Problem[];
  /** The stored item of a checked record; the participant reference is already replaced by `pid`. */
  toItem: (record: R, pid: string, stamp: Stamp) => PlannedItem;
}

/**
 * The shared ingest flow of attendance and responses: check every record against its group (all or
 * nothing; another clinic's group reads as unregistered), pseudonymise, collapse duplicates, and write idempotently.
 */
export const ingestBatch = async <R extends GroupedRecord & { participantRef: string }>(
  clinicId: string,
  records: readonly R[],
  kind: BatchKind<R>,
): Promise<WriteCounts> => {
  const now = new Date();
  const groups = await getGroups(db, [...new Set(records.map((r) => r.groupId))]);
  // Dates up to one day ahead pass, for clinics east of UTC.
  const latest = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  // Another clinic's group is named exactly as an unregistered one: a 400 problem on that record's groupId.
  const checked = checkAgainstGroups(records, groups, clinicId, latest, kind.collection, kind.dateField);
  const problems = [...checked.problems];
  records.forEach((record, index) => {
    const group = groups.get(record.groupId);
    if (group !== undefined) problems.push(...kind.check(record, index, group));
  });
  if (problems.length > 0) throw new ValidationError(sortProblems(problems));

  const secret = await pseudonymSecret();
  const planned = records.map((record) => kind.toItem(record, pseudonymise(secret, clinicId, record.participantRef), {
    clinicId, receivedAt: now.toISOString(), expiresAt: expiryAfter(record.date, retentionDays),
  }));
  const deduped = dedupeByKey(planned, kind.collection);
  if (deduped.problems.length > 0) throw new ValidationError(deduped.problems);
  const counts = await writeRecords(db, deduped.unique);
  return { accepted: counts.accepted, unchanged: counts.unchanged + deduped.duplicates };
};

const sortProblems = (problems: Problem[]): Problem[] =>
  problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1) || a.path.localeCompare(b.path));
