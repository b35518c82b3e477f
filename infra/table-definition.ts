/**
 * The one DynamoDB table, as plain data: the CDK stack and the local stack both build it from here,
 * so the embedded server and AWS always agree on keys and indexes.
 *
 * | item | pk | sk |
 * | --- | --- | --- |
 * | clinic | `CLINICS` | `<clinicId>` |
 * | programme | `PROGRAMMES` | `<programmeId>` |
 * | API key | `KEY#<sha256 of key>` | `META` |
 * | group | `GROUP#<groupId>` | `META` (gsi1: changed-groups marker) |
 * | attendance mark | `GROUP#<groupId>` | `ATT#<pid>#<session>` (gsi2: participant) |
 * | questionnaire response | `GROUP#<groupId>` | `RESP#<instrument>#<pid>#<session>` (gsi2: participant) |
 * | group statistics | `GSTATS#<programmeId>` | `<groupId>` |
 * | published figures | `FIGURES#<period>` | `<programme>#<groupType>#<instrument>#<metric>` |
 * | run record / watermark | `RUN#<runId>` / `STATE` | `META` / `WATERMARK` |
 * | nightly run lease | `LEASE#nightly` | `META` |
 * | published generation pointer | `GENERATION#dashboards` | `META` |
 * | report build job | `REPORTJOB#<jobId>` | `META` |
 * | Idempotency-Key and its first answer | `IDEMP#<clinicId>` | `<key>` (expiresAt: 24 hours) |
 * | expiry schedule: a group has records whose retention ends that day | `EXPIRY` | `<yyyy-mm-dd>#<groupId>` |
 * | audit trail entry (an administrative action: who, when, what; ids and counts only) | `AUDIT#<yyyy-mm>` | `<ISO time>#<random>` |
 * | retention sweep marker (the one-off scan for older records is done) | `STATE` | `RETENTION` |
 */
export const TABLE = {
  /** Logical name; the deployed name is chosen by CloudFormation, the local one is this. */
  name: 'outcomes',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which a record may be removed (retention period). */
  ttlAttribute: 'expiresAt',
  indexes: {
    /** Groups changed since a time: gsi1pk = `CHANGED#<yyyy-mm-dd>`, gsi1sk = `<ISO time>#<groupId>`. */
    changed: { name: 'changed', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Every record of one pseudonymous participant: gsi2pk = `P#<pid>`, gsi2sk = `<pk>#<sk>`. */
    participant: { name: 'participant', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  },
} as const;

/** Logical name of the reports bucket locally; in AWS CloudFormation names it. */
export const REPORTS_BUCKET = 'outcomes-reports';
