import { HANDLERS, ROUTES, type Route } from '../infra/api-routes';
import { FIGURE_COLUMNS } from '../functions/core/figures/figure-row';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../functions/core/idempotency/idempotency';
import { groupSchema } from './api/group';
import { attendanceBatchSchema } from './api/attendance';
import { responsesBatchSchema } from './api/responses';
import { clinicSchema, erasureSchema, keyRequestSchema, programmeSchema } from './api/admin';
import { runRecordSchema, runRequestSchema, runStartedSchema } from './api/runs';
import { reportJobSchema, reportRequestSchema } from './api/reports';
import { figuresQuerySchema } from './api/figures';
import { PATH_PARAMETERS } from './api/path-parameters';
import { groupRiskFlagsSchema, responsesReceiptSchema } from './api/risk-flags';
import { auditEntrySchema, auditQuerySchema, auditTrailSchema } from './api/audit';

type Json = Record<string, unknown>;

const withoutId = (schema: Json): Json => Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$id'));

// Every path parameter is declared with the pattern and length its handler checks.
const pathParameterSchema = (name: string): Json =>
  (Object.hasOwn(PATH_PARAMETERS, name) ? PATH_PARAMETERS[name as keyof typeof PATH_PARAMETERS] : { type: 'string' });

/** Request body schema of each route, by `METHOD path`; routes without a body are absent. */
const REQUEST_BODIES: Record<string, { name: string; schema: Json }> = {
  'POST /v1/groups': { name: 'Group', schema: groupSchema },
  'POST /v1/attendance': { name: 'AttendanceBatch', schema: attendanceBatchSchema },
  'POST /v1/responses': { name: 'ResponsesBatch', schema: responsesBatchSchema },
  'POST /v1/admin/clinics': { name: 'Clinic', schema: clinicSchema },
  'POST /v1/admin/programmes': { name: 'Programme', schema: programmeSchema },
  'POST /v1/admin/keys': { name: 'KeyRequest', schema: keyRequestSchema },
  'POST /v1/admin/erasures': { name: 'Erasure', schema: erasureSchema },
  'POST /v1/admin/runs': { name: 'RunRequest', schema: runRequestSchema },
  'POST /v1/admin/reports': { name: 'ReportRequest', schema: reportRequestSchema },
};

/** Answer schema of each route whose 200 body is documented, by `METHOD path`. */
const RESPONSE_BODIES: Record<string, { name: string; schema: Json }> = {
  'POST /v1/responses': { name: 'ResponsesReceipt', schema: responsesReceiptSchema },
  'GET /v1/groups/{groupId}/risk-flags': { name: 'GroupRiskFlags', schema: groupRiskFlagsSchema },
  'GET /v1/admin/audit': { name: 'AuditTrail', schema: auditTrailSchema },
};

/** Query parameters of each route, by `METHOD path`. */
const QUERIES: Record<string, { properties: Record<string, unknown> }> = {
  'GET /v1/figures': figuresQuerySchema,
  'GET /v1/admin/audit': auditQuerySchema,
};

/** Routes that also take a spreadsheet export (`text/csv`), with its columns. */
const CSV_BODIES: Record<string, string> = {
  'POST /v1/attendance': 'Header row groupId,participantRef,session,date,status; one attendance mark per row (up to 500).',
  'POST /v1/responses': 'Header row groupId,participantRef,instrument,administeredOn,session,item_1,item_2,…; an empty item cell is a missing answer (up to 500 rows).',
};

const SUMMARIES: Record<string, string> = {
  'GET /health': 'Liveness check (no key needed)',
  'GET /openapi.json': 'This document',
  'POST /v1/groups': 'Register or update a group of your clinic',
  'POST /v1/attendance': 'Submit up to 500 attendance marks (all or nothing, idempotent)',
  'POST /v1/responses': 'Submit up to 500 questionnaire administrations (scored on the server); the answer lists risk flags by record index',
  'GET /v1/groups/{groupId}/risk-flags': 'Count the risk-flagged responses of one of your groups (clinic only; not monitored: this is not a crisis service)',
  'POST /v1/admin/clinics': 'Register a clinic',
  'POST /v1/admin/programmes': 'Register a programme with its funders',
  'POST /v1/admin/keys': 'Issue an API key for a role and scope (shown once)',
  'DELETE /v1/admin/keys/{keyId}': 'Revoke an API key',
  'POST /v1/admin/erasures': "Erase every record of one participant",
  'POST /v1/admin/runs': 'Start a nightly aggregation run now',
  'GET /v1/admin/runs/{runId}': 'Read a run record (a running run shows whether it stalled)',
  'POST /v1/admin/runs/{runId}/resume': 'Resume a stalled or failed run with the window it chose',
  'POST /v1/admin/runs/{runId}/abandon': 'Abandon a stalled or failed run (the next run covers its window)',
  'POST /v1/admin/reports': 'Build a funder report for a closed period in the background (202; poll the job)',
  'GET /v1/admin/reports/{jobId}': 'Read a report build: queued, running, succeeded or failed with the error',
  'GET /v1/admin/audit': 'Read the audit trail of administrative actions, newest first (who, when, what: ids and counts, never health data)',
  'GET /v1/reports': 'List the dashboards and reports this key may see, with short-lived links',
  'GET /v1/figures': 'Read the published figures this key may see (query: period, programmeId, format=json|csv)',
};

const problemSchema = {
  type: 'object',
  required: ['index', 'path', 'message'],
  properties: { index: { type: ['integer', 'null'] }, path: { type: 'string' }, message: { type: 'string' } },
};

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    problems: { type: 'array', items: { $ref: '#/components/schemas/Problem' } },
  },
};

const jsonOf = (name: string): Json => ({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });
const errorOf = (description: string): Json => ({ description, content: jsonOf('Error') });

const errorResponses = (route: Route): Json => ({
  400: { description: 'Invalid request: every problem is listed; nothing was written', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  ...(route.authorized && {
    401: errorOf('Missing, unknown or revoked key'),
    403: { description: 'The key may not do this (role or scope)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  }),
  413: errorOf('Body larger than 1 MB'),
  415: errorOf('Body not sent as JSON (or, where the route takes one, as CSV)'),
  503: { ...errorOf('Store busy after retries: retry after Retry-After seconds (retrying is safe)'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
});

const runLive = errorOf('A run holds a live lease (it is alive and renews it): wait for it to end; the message names it');
const runNotFound = errorOf('No run with this id');

/** Responses schemas the document declares beside the request bodies. */
const RESPONSE_SCHEMAS: Record<string, Json> = { RunStarted: runStartedSchema, RunRecord: runRecordSchema, ReportJob: reportJobSchema, AuditEntry: auditEntrySchema };

/** The success answer of routes that do not answer a plain 200 object, by `METHOD path`. */
const SUCCESS_RESPONSES: Record<string, Json> = {
  'POST /v1/admin/runs': { 202: { description: 'Started; poll links.self', content: jsonOf('RunStarted') } },
  'GET /v1/admin/runs/{runId}': { 200: { description: 'The run record', content: jsonOf('RunRecord') } },
  'POST /v1/admin/runs/{runId}/resume': { 202: { description: 'Resumed; poll links.self', content: jsonOf('RunStarted') } },
  'POST /v1/admin/runs/{runId}/abandon': { 200: { description: 'The run record, now abandoned (abandoning again changes nothing)', content: jsonOf('RunRecord') } },
  'POST /v1/admin/reports': {
    202: {
      description: 'Queued; poll the job at Location (links.self)',
      headers: { Location: { description: 'The job: GET it until status is succeeded or failed', schema: { type: 'string' } } },
      content: jsonOf('ReportJob'),
    },
  },
  'GET /v1/admin/reports/{jobId}': { 200: { description: 'The report build', content: jsonOf('ReportJob') } },
  'POST /v1/admin/clinics': {
    200: { description: 'Already registered: updated', content: jsonOf('ClinicRegistered') },
    201: { description: 'Registered', content: jsonOf('ClinicRegistered') },
  },
  'POST /v1/admin/programmes': {
    200: { description: 'Already registered: updated (groupsToRecompute: groups the next nightly recomputes)', content: jsonOf('ProgrammeRegistered') },
    201: { description: 'Registered', content: jsonOf('ProgrammeRegistered') },
  },
  'POST /v1/admin/keys': { 201: { description: 'Issued: the key is shown this once', content: jsonOf('KeyIssued') } },
  'DELETE /v1/admin/keys/{keyId}': { 200: { description: 'Revoked (revoking again changes nothing)', content: jsonOf('KeyRevoked') } },
  'GET /v1/figures': {
    200: {
      description: 'The published figures of the key\'s scope (format=csv: the same rows as figures.csv)',
      content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string', description: `Header row ${FIGURE_COLUMNS.join(',')}; a hidden figure has suppressed true and nothing else` } } },
    },
  },
};

const identifierOut = { type: 'string', minLength: 1 };
/** Answers of the administrative routes, as their handlers build them. */
const ADMIN_ANSWERS: Record<string, Json> = {
  ClinicRegistered: { type: 'object', required: ['clinicId', 'created'], properties: { clinicId: identifierOut, created: { type: 'boolean' } } },
  ProgrammeRegistered: {
    type: 'object', required: ['programmeId', 'created'],
    properties: { programmeId: identifierOut, created: { type: 'boolean' }, groupsToRecompute: { type: 'integer', minimum: 0 } },
  },
  KeyIssued: {
    type: 'object', required: ['keyId', 'key', 'role', 'scope'],
    properties: { keyId: identifierOut, key: { type: 'string', description: 'The API key: store it now, it is not shown again' }, role: { type: 'string' }, scope: { type: 'object' }, note: { type: 'string' } },
  },
  KeyRevoked: { type: 'object', required: ['keyId', 'revoked'], properties: { keyId: identifierOut, revoked: { const: true } } },
};

/** Answers only some routes give, by `METHOD path`. */
const ROUTE_RESPONSES: Record<string, Json> = {
  'POST /v1/admin/runs': { 409: runLive },
  'GET /v1/admin/runs/{runId}': { 404: runNotFound },
  'POST /v1/admin/runs/{runId}/resume': { 404: runNotFound, 409: errorOf('The run is alive, succeeded or was abandoned, or another run holds a live lease') },
  'POST /v1/admin/runs/{runId}/abandon': { 404: runNotFound, 409: errorOf('The run is alive (its lease is renewed) or succeeded') },
  'POST /v1/admin/reports': { 404: errorOf('No programme names this funder'), 409: errorOf('The period is not closed and published yet') },
  'GET /v1/admin/reports/{jobId}': { 404: errorOf('No report build with this id') },
  'DELETE /v1/admin/keys/{keyId}': { 404: errorOf('No key with this id') },
  'GET /v1/groups/{groupId}/risk-flags': {
    404: { description: 'No group with this id that this key can see (the same answer for every group that is not your clinic\'s)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  },
  'POST /v1/groups': {
    409: { description: 'The group id is already in use (another clinic registered it first); choose another id', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  },
};

/** Clinic writes that take an `Idempotency-Key` (whole-request replay). */
const IDEMPOTENT_ROUTES: ReadonlySet<string> = new Set(['POST /v1/groups', 'POST /v1/attendance', 'POST /v1/responses']);

const IDEMPOTENCY_PARAMETER = {
  name: IDEMPOTENCY_HEADER, in: 'header', required: false,
  description: 'Optional. The same key with the same request within 24 hours gets the first answer again (header Idempotent-Replayed: true) and writes nothing; with another request, 422; while the first is still being answered, 409. Scoped to your clinic.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

// 422 for a key reused with another request; 409 while the first is in flight (merged with a route's own 409).
const idempotencyResponses = (own: Json | undefined): Json => {
  const conflict = own?.['409'] as { description?: string } | undefined;
  return {
    409: errorOf(conflict?.description === undefined ? 'A request with this Idempotency-Key is still being answered' : `${conflict.description}; or a request with this Idempotency-Key is still being answered`),
    422: errorOf('This Idempotency-Key was used for another request of your clinic in the last 24 hours'),
  };
};

// What a caller gets beyond its role, by handler (scopes are described in the threat model and README).
const SCOPE_NOTES: Partial<Record<Route['handler'], string>> = {
  groups: 'for their own clinic', attendance: 'for their own clinic\'s groups', responses: 'for their own clinic\'s groups',
  groupRiskFlags: 'a group outside the key\'s scope answers 404',
  reports: 'each sees the reports of its scope only', figures: 'each sees the published figures of its scope only',
};

/** Who may call a route: the roles its handler admits (`HANDLERS[…].roles`), and what scopes them. */
const callersOf = (route: Route): string => {
  const roles: readonly string[] | undefined = (HANDLERS[route.handler] as { roles?: readonly string[] }).roles;
  if (!route.authorized || roles === undefined) return 'anyone; no key needed';
  const note = SCOPE_NOTES[route.handler];
  return `${roles.join(', ')} keys${note === undefined ? '' : `; ${note}`}`;
};

/** Operation tags: one per audience. */
const TAGS = [
  { name: 'meta', description: 'Liveness and this document.' },
  { name: 'clinic', description: 'What clinics submit: groups, attendance and questionnaire answers.' },
  { name: 'admin', description: 'What operators do: clinics, programmes, keys, erasures, nightly runs and report builds, and the audit trail of all of these.' },
  { name: 'reading', description: 'What managers and funders read: published figures and reports (disclosure-controlled).' },
] as const;

const tagOf = (route: Route): string =>
  !route.authorized ? 'meta' : route.path.startsWith('/v1/admin/') ? 'admin' : route.handler === 'reports' || route.handler === 'figures' ? 'reading' : 'clinic';

/** The OpenAPI 3.1 document of the API, generated from the route table and the payload JSON Schemas. */
export const buildOpenApi = (): { openapi: string; info: { title: string; version: string; description: string; [key: string]: unknown }; [key: string]: unknown } => {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    const id = `${route.method} ${route.path}`;
    const body = REQUEST_BODIES[id];
    const query = QUERIES[id];
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: pathParameterSchema(m[1] ?? '') })),
      ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      ...(IDEMPOTENT_ROUTES.has(id) ? [IDEMPOTENCY_PARAMETER] : []),
    ];
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      summary: SUMMARIES[id] ?? id,
      description: `${SUMMARIES[id] ?? id}. Who may call it: ${callersOf(route)}.`,
      tags: [tagOf(route)],
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').split(/[/.]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}`,
      ...(route.authorized ? {} : { security: [] }),
      ...(parameters.length > 0 && { parameters }),
      ...(body && {
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${body.name}` } },
            ...(CSV_BODIES[id] !== undefined && { 'text/csv': { schema: { type: 'string', description: CSV_BODIES[id] } } }),
          },
        },
      }),
      responses: {
        ...(SUCCESS_RESPONSES[id] ?? { 200: { description: 'OK', content: { 'application/json': { schema: RESPONSE_BODIES[id] ? { $ref: `#/components/schemas/${RESPONSE_BODIES[id].name}` } : { type: 'object' } } } } }),
        ...errorResponses(route), ...ROUTE_RESPONSES[id], ...(IDEMPOTENT_ROUTES.has(id) ? idempotencyResponses(ROUTE_RESPONSES[id]) : {}),
      },
    };
  }
  const schemas: Record<string, Json> = { Problem: problemSchema, Error: errorSchema };
  for (const { name, schema } of [...Object.values(REQUEST_BODIES), ...Object.values(RESPONSE_BODIES)]) schemas[name] = withoutId(schema);
  for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS)) schemas[name] = withoutId(schema);
  for (const [name, schema] of Object.entries(ADMIN_ANSWERS)) schemas[name] = schema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Resilience Outcomes API',
      version: '1.0.0',
      description: 'Clinics submit groups, attendance and questionnaire answers; operators manage keys and runs; managers and funders fetch reports. Participant references are pseudonymised on arrival.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      contact: { name: 'Resilience Outcomes maintainers' },
    },
    // Relative to where this document is served: the API stage in AWS, the local server under `npm start`.
    servers: [{ url: '/', description: 'The API that serves this document (AWS stage or the local stack)' }],
    tags: TAGS,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      schemas,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' } },
    },
    security: [{ apiKey: [] }],
    paths,
  };
};
