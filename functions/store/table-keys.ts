/** Key builders of the single table (layout documented in infra/table-definition.ts). */

export type Key = { pk: string; sk: string };

const pad = (session: number): string => String(session).padStart(3, '0');

export const META = 'META';
// Clinics and programmes each live in one partition: a few dozen items, listed with one Query.
export const CLINICS = 'CLINICS';
export const PROGRAMMES = 'PROGRAMMES';
export const clinicKey = (clinicId: string): Key => ({ pk: CLINICS, sk: clinicId });
export const programmeKey = (programmeId: string): Key => ({ pk: PROGRAMMES, sk: programmeId });
export const apiKeyKey = (keyId: string): Key => ({ pk: `KEY#${keyId}`, sk: META });
export const groupKey = (groupId: string): Key => ({ pk: `GROUP#${groupId}`, sk: META });
export const groupPartition = (groupId: string): string => `GROUP#${groupId}`;
export const attendanceKey = (groupId: string, pid: string, session: number): Key =>
  ({ pk: groupPartition(groupId), sk: `ATT#${pid}#${pad(session)}` });
export const responseKey = (groupId: string, instrument: string, pid: string, session: number): Key =>
  ({ pk: groupPartition(groupId), sk: `RESP#${instrument}#${pid}#${pad(session)}` });
export const groupStatsKey = (programmeId: string, groupId: string): Key => ({ pk: `GSTATS#${programmeId}`, sk: groupId });
export const groupStatsPartition = (programmeId: string): string => `GSTATS#${programmeId}`;
export const runKey = (runId: string): Key => ({ pk: `RUN#${runId}`, sk: META });
export const watermarkKey: Key = { pk: 'STATE', sk: 'WATERMARK' };
export const reportJobKey = (jobId: string): Key => ({ pk: `REPORTJOB#${jobId}`, sk: META });
/** The pointer to the published generation of the dashboards and their figures. */
export const generationKey: Key = { pk: 'GENERATION#dashboards', sk: META };
/** The one-run-at-a-time lease of the nightly (its own partition: not the 3-hour lease an older version kept at STATE). */
export const runLeaseKey: Key = { pk: 'LEASE#nightly', sk: META };

/** A clinic's Idempotency-Key and the first answer given under it (expires with the table's TTL). */
export const idempotencyKey = (clinicId: string, key: string): Key => ({ pk: `IDEMP#${clinicId}`, sk: key });

/** The partition of expiry schedule items: a group has records whose retention ends on a day (see retention-store). */
export const EXPIRY_SCHEDULE = 'EXPIRY';
export const expiryScheduleKey = (day: string, groupId: string): Key => ({ pk: EXPIRY_SCHEDULE, sk: `${day}#${groupId}` });
/** Present once the retention sweep has scanned the table for records older than expiry schedules. */
export const retentionSweepKey: Key = { pk: 'STATE', sk: 'RETENTION' };

/** The audit trail: one partition per UTC month, entries by time (`<ISO time>#<random>`). */
export const auditPartition = (month: string): string => `AUDIT#${month}`;
export const auditKey = (isoTime: string, suffix: string): Key => ({ pk: auditPartition(isoTime.slice(0, 7)), sk: `${isoTime}#${suffix}` });

/** Partition of the changed-groups index for one UTC day. */
export const changedPartition = (isoTime: string): string => `CHANGED#${isoTime.slice(0, 10)}`;

/** Participant index attributes of a record. */
export const participantIndex = (pid: string, key: Key): { gsi2pk: string; gsi2sk: string } =>
  ({ gsi2pk: `P#${pid}`, gsi2sk: `${key.pk}#${key.sk}` });
