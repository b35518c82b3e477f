/**
 * The path parameters of the API's routes, each with the pattern and length a handler checks before using it
 * (a 400 naming the parameter otherwise), and which the OpenAPI document declares.
 */
export const PATH_PARAMETERS = {
  keyId: {
    type: 'string', minLength: 20, maxLength: 20, pattern: '^[0-9a-f]{20}$',
    description: 'The id of an API key, as `POST /v1/admin/keys` returned it: 20 lower-case hexadecimal digits.',
  },
  groupId: {
    type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
    description: 'The id of a group, as the clinic registered it with `POST /v1/groups`.',
  },
  runId: {
    type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$',
    description: 'The id of a nightly run, as `POST /v1/admin/runs` returned it (e.g. run-20260105T020000Z-3fa9c1).',
  },
  jobId: {
    type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$',
    description: 'The id of a report build, as `POST /v1/admin/reports` returned it (e.g. report-20260105T020000Z-3fa9c1d2).',
  },
} as const;
export type PathParameterName = keyof typeof PATH_PARAMETERS;
