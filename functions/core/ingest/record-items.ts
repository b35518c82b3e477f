import type { AttendanceRecord } from '../../../schemas/api/attendance';
import type { ResponseRecord } from '../../../schemas/api/responses';
import type { ScoredAdministration } from '../scoring';
import { Messages } from '../messages';
import type { Problem } from '../validation/problem';
import { contentHash } from './content-hash';
import { attendanceKey, participantIndex, responseKey, type Key } from '../../store/table-keys';

/** A record ready to store: its key, its attributes, and the hash of what the clinic sent. */
export interface PlannedItem {
  key: Key;
  groupId: string;
  contentHash: string;
  item: Record<string, unknown>;
}

/** Stamps shared by every item of one request. */
export interface Stamp {
  clinicId: string;
  /** ISO time of the request. */
  receivedAt: string;
  /** Epoch seconds after which a record may be deleted (retention). */
  expiresAt: number;
}

/** The stored form of an attendance mark, with the participant reference already replaced by `pid`. */
export const attendanceItem = (record: AttendanceRecord, pid: string, stamp: Stamp): PlannedItem => {
  const key = attendanceKey(record.groupId, pid, record.session);
  const content = { groupId: record.groupId, pid, session: record.session, date: record.date, status: record.status };
  const hash = contentHash(content);
  return {
    key, groupId: record.groupId, contentHash: hash,
    item: { ...key, ...participantIndex(pid, key), type: 'attendance', ...content, clinicId: stamp.clinicId, contentHash: hash, receivedAt: stamp.receivedAt, expiresAt: stamp.expiresAt },
  };
};

/** The stored form of a questionnaire administration, with the score computed on the server. */
export const responseItem = (record: ResponseRecord, pid: string, scored: ScoredAdministration, stamp: Stamp): PlannedItem => {
  const key = responseKey(record.groupId, record.instrument, pid, record.session);
  const content = {
    groupId: record.groupId, pid, instrument: record.instrument, session: record.session,
    administeredOn: record.administeredOn, items: record.items,
  };
  const hash = contentHash(content);
  return {
    key, groupId: record.groupId, contentHash: hash,
    item: {
      ...key, ...participantIndex(pid, key), type: 'response', ...content,
      instrumentVersion: scored.version, rawScore: scored.rawScore, score: scored.score,
      ...(scored.band !== undefined && { band: scored.band }),
      ...(scored.case !== undefined && { case: scored.case }),
      flags: [...scored.flags],
      clinicId: stamp.clinicId, contentHash: hash, receivedAt: stamp.receivedAt, expiresAt: stamp.expiresAt,
    },
  };
};

/**
 * Collapses records of a batch that share a natural key: identical content counts once (the rest are
 * unchanged), different content under one key is a problem naming both indexes.
 */
export const dedupeByKey = (planned: readonly PlannedItem[], collection: string): { unique: PlannedItem[]; duplicates: number; problems: Problem[] } => {
  const firstIndex = new Map<string, number>();
  const unique: PlannedItem[] = [];
  const problems: Problem[] = [];
  let duplicates = 0;
  planned.forEach((item, index) => {
    const id = `${item.key.pk}|${item.key.sk}`;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      unique.push(item);
    } else if (planned[first]?.contentHash === item.contentHash) {
      duplicates += 1;
    } else {
      problems.push({ index, path: `${collection}/${index}`, message: `${collection}/${index}: ${Messages.duplicateInBatch(first)}` });
    }
  });
  return { unique, duplicates, problems };
};

/** Epoch seconds `days` after an ISO date: when a record may be removed under the retention policy. */
export const expiryAfter = (isoDate: string, days: number): number =>
  Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 1000) + days * 86_400;
