/**
 * Every API route and the handler module that serves it. The CDK stack makes one Lambda function per
 * handler and one API Gateway method per route; the local HTTP server routes to the same modules.
 */
import type { Role } from '../functions/core/access/principal';

export const Access = {
  /** The handler reads the table only. */
  tableRead: 'tableRead',
  /** The handler reads and writes the table. */
  tableWrite: 'tableWrite',
  /** The handler needs the pseudonymisation secret. */
  pseudonymSecret: 'pseudonymSecret',
  /** The handler reads the reports bucket (presigned links). */
  reportsRead: 'reportsRead',
  /** The handler writes the reports bucket. */
  reportsWrite: 'reportsWrite',
  /** The handler starts the nightly state machine. */
  startRun: 'startRun',
  /** The handler starts the report-build state machine. */
  startReportBuild: 'startReportBuild',
} as const;
export type Access = (typeof Access)[keyof typeof Access];

export interface HandlerSpec {
  /** Module path from the repository root; it exports `handler`. */
  entry: string;
  /** The roles whose keys the handler admits (it answers 403 to any other); absent for public and internal ones. */
  roles?: readonly Role[];
  access: readonly Access[];
  /** ESM bundles are needed by modules that import vega (ESM-only, top-level await). */
  memoryMb?: number;
  timeoutSeconds?: number;
}

export const HANDLERS = {
  authorizer: { entry: 'functions/api/authorizer.ts', access: ['tableRead'] },
  health: { entry: 'functions/api/health.ts', access: [] },
  groups: { entry: 'functions/api/groups.ts', access: ['tableWrite'], roles: ['clinic'] },
  attendance: { entry: 'functions/api/attendance.ts', access: ['tableWrite', 'pseudonymSecret'], roles: ['clinic'] },
  responses: { entry: 'functions/api/responses.ts', access: ['tableWrite', 'pseudonymSecret'], roles: ['clinic'] },
  groupRiskFlags: { entry: 'functions/api/group-risk-flags.ts', access: ['tableRead'], roles: ['clinic', 'manager', 'funder', 'admin'] },
  adminClinics: { entry: 'functions/api/admin-clinics.ts', access: ['tableWrite'], roles: ['admin'] },
  adminProgrammes: { entry: 'functions/api/admin-programmes.ts', access: ['tableWrite'], roles: ['admin'] },
  adminKeys: { entry: 'functions/api/admin-keys.ts', access: ['tableWrite'], roles: ['admin'] },
  adminErasures: { entry: 'functions/api/admin-erasures.ts', access: ['tableWrite', 'pseudonymSecret'], roles: ['admin'] },
  adminRuns: { entry: 'functions/api/admin-runs.ts', access: ['tableWrite', 'startRun'], roles: ['admin'] },
  adminReports: { entry: 'functions/api/admin-reports.ts', access: ['tableWrite', 'startReportBuild'], roles: ['admin'] },
  adminAudit: { entry: 'functions/api/admin-audit.ts', access: ['tableRead'], roles: ['admin'] },
  reports: { entry: 'functions/api/reports.ts', access: ['tableRead', 'reportsRead'], roles: ['admin', 'manager', 'funder'] },
  figures: { entry: 'functions/api/figures.ts', access: ['tableRead', 'reportsRead'], roles: ['admin', 'manager', 'funder'] },
} as const satisfies Record<string, HandlerSpec>;
export type HandlerName = keyof typeof HANDLERS;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway resource path; `{name}` is a path parameter. */
  path: string;
  handler: HandlerName;
  /** False only for the public health and OpenAPI routes. */
  authorized: boolean;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/health', handler: 'health', authorized: false },
  { method: 'GET', path: '/openapi.json', handler: 'health', authorized: false },
  { method: 'POST', path: '/v1/groups', handler: 'groups', authorized: true },
  { method: 'POST', path: '/v1/attendance', handler: 'attendance', authorized: true },
  { method: 'POST', path: '/v1/responses', handler: 'responses', authorized: true },
  { method: 'GET', path: '/v1/groups/{groupId}/risk-flags', handler: 'groupRiskFlags', authorized: true },
  { method: 'POST', path: '/v1/admin/clinics', handler: 'adminClinics', authorized: true },
  { method: 'POST', path: '/v1/admin/programmes', handler: 'adminProgrammes', authorized: true },
  { method: 'POST', path: '/v1/admin/keys', handler: 'adminKeys', authorized: true },
  { method: 'DELETE', path: '/v1/admin/keys/{keyId}', handler: 'adminKeys', authorized: true },
  { method: 'POST', path: '/v1/admin/erasures', handler: 'adminErasures', authorized: true },
  { method: 'POST', path: '/v1/admin/runs', handler: 'adminRuns', authorized: true },
  { method: 'GET', path: '/v1/admin/runs/{runId}', handler: 'adminRuns', authorized: true },
  { method: 'POST', path: '/v1/admin/runs/{runId}/resume', handler: 'adminRuns', authorized: true },
  { method: 'POST', path: '/v1/admin/runs/{runId}/abandon', handler: 'adminRuns', authorized: true },
  { method: 'POST', path: '/v1/admin/reports', handler: 'adminReports', authorized: true },
  { method: 'GET', path: '/v1/admin/reports/{jobId}', handler: 'adminReports', authorized: true },
  { method: 'GET', path: '/v1/admin/audit', handler: 'adminAudit', authorized: true },
  { method: 'GET', path: '/v1/reports', handler: 'reports', authorized: true },
  { method: 'GET', path: '/v1/figures', handler: 'figures', authorized: true },
];

/** The nightly pipeline's step handlers (Step Functions tasks in AWS, called in-process locally). */
export const NIGHTLY_STEPS = {
  // Writes: the run record and lease, and the retention sweep (deletes expired records, marks their groups).
  listChanged: { entry: 'functions/nightly/list-changed.ts', access: ['tableWrite'], timeoutSeconds: 300 },
  recomputeGroups: { entry: 'functions/nightly/recompute-groups.ts', access: ['tableWrite'], memoryMb: 1024, timeoutSeconds: 300 },
  rollup: { entry: 'functions/nightly/rollup.ts', access: ['tableWrite', 'reportsWrite', 'pseudonymSecret'], memoryMb: 1536, timeoutSeconds: 600 },
  renderReports: { entry: 'functions/nightly/render-reports.ts', access: ['tableRead', 'reportsWrite'], memoryMb: 1536, timeoutSeconds: 600 },
  finishRun: { entry: 'functions/nightly/finish-run.ts', access: ['tableWrite'] },
} as const satisfies Record<string, HandlerSpec>;

/** Work started by the API that outlasts a request (Step Functions tasks in AWS, in-process locally). */
export const BACKGROUND_TASKS = {
  buildReport: { entry: 'functions/publishing/build-report.ts', access: ['tableWrite', 'reportsWrite'], memoryMb: 1536, timeoutSeconds: 600 },
} as const satisfies Record<string, HandlerSpec>;

/** Environment variables the handlers read at cold start. */
export const Env = {
  tableName: 'TABLE_NAME',
  reportsBucket: 'REPORTS_BUCKET',
  /** ARN of the Secrets Manager secret holding the pseudonymisation key (AWS). */
  pseudonymSecretArn: 'PSEUDONYM_SECRET_ARN',
  /** Path of the generated key file (local stack); used when no secret ARN is set. */
  pseudonymKeyFile: 'PSEUDONYM_KEY_FILE',
  stateMachineArn: 'STATE_MACHINE_ARN',
  /** ARN of the state machine that builds reports on demand (AWS); locally builds run in-process. */
  reportStateMachineArn: 'REPORT_STATE_MACHINE_ARN',
  /** Disclosure-control threshold k (default 8). */
  suppressionK: 'SUPPRESSION_K',
  /** Rounding base for funder counts (default 5; 1 turns rounding off). */
  funderRounding: 'FUNDER_ROUNDING',
  /** Comma-separated instrument ids whose licence the operator has recorded (e.g. `cd-risc-10`). */
  licensedInstruments: 'LICENSED_INSTRUMENTS',
  /** Time zone of reporting periods and the nightly schedule (default Europe/London). */
  timeZone: 'REPORTING_TIME_ZONE',
} as const;
