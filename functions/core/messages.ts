/** Every message the API shows its callers, in one place so wording stays consistent and tests can assert on it. */
export const Messages = {
  invalidIdempotencyKey: 'must be 8 to 128 characters of letters, digits and . _ : - (a UUID fits).',
  idempotencyKeyReused: 'This Idempotency-Key was used for another request of your clinic in the last 24 hours: use a new key for a new request.',
  idempotencyKeyInFlight: 'A request with this Idempotency-Key is still being answered: retry in a few seconds.',
  bodyNotJson: 'The request body is not valid JSON.',
  bodyMissing: 'The request needs a JSON body.',
  instantNotReal: (value: string) => `"${value}" is not a date or time that exists (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).`,
  windowReversed: (from: string, to: string) => `from (${from}) is after to (${to}).`,
  bodyTooLarge: (limit: number) => `The request body is larger than ${limit} bytes; send smaller batches.`,
  notJsonContentType: 'Send the body as application/json (attendance and responses also take text/csv).',
  csvUnreadable: (detail: string) => `The CSV body cannot be read: ${detail}.`,
  csvRepeatedColumns: (names: readonly string[]) =>
    `the header row names ${names.map((name) => `"${name}"`).join(', ')} more than once; keep one column of each name`,
  missingKey: 'Send an API key as "Authorization: Bearer <key>".',
  invalidKey: 'The API key is not valid or has been revoked.',
  roleNotAllowed: (role: string, allowed: readonly string[]) =>
    `${/^[aeiou]/i.test(role) ? 'An' : 'A'} ${role} key cannot do this; it needs a key with the role ${allowed.join(' or ')}.`,
  groupIdInUse: (groupId: string) => `Group id "${groupId}" is already in use; choose another id (starting group ids with your clinic's id keeps them apart).`,
  groupNotRegistered: (groupId: string) => `Group "${groupId}" is not registered; register it with POST /v1/groups first.`,
  programmeNotRegistered: (programmeId: string) => `Programme "${programmeId}" is not registered; an operator registers it with POST /v1/admin/programmes.`,
  funderNotRegistered: (funderId: string) => `Funder "${funderId}" is not a funder of any registered programme.`,
  clinicNotRegistered: (clinicId: string) => `Clinic "${clinicId}" is not registered.`,
  programmeNotInScope: (programmeId: string) => `Programme "${programmeId}" is not one this key may see.`,
  instrumentNotInGroup: (instrument: string, groupId: string, registered: readonly string[]) =>
    `Instrument "${instrument}" is not registered for group "${groupId}" (registered: ${registered.join(', ')}).`,
  sessionBeyondPlan: (session: number, planned: number) =>
    `Session ${session} is beyond the group's ${planned} planned sessions; update the group's plannedSessions first.`,
  dateBeforeStart: (date: string, start: string) => `Date ${date} is before the group's start date ${start}.`,
  dateInFuture: (date: string) => `Date ${date} is in the future.`,
  endBeforeStart: 'endDate must not be before startDate.',
  duplicateInBatch: (first: number) => `Same record as index ${first} but with different content; send one version.`,
  scopeOfOtherRole: (field: string, owner: string, role: string) => `only a ${owner} key has a ${field}; a ${role} key cannot be scoped by it.`,
  invalidPathParameter: (name: string, maxLength: number, pattern: string) =>
    `the path parameter ${name} must be at most ${maxLength} characters matching ${pattern}.`,
  keyNotFound: (keyId: string) => `No key with id "${keyId}".`,
  runInProgress: (runId: string) => `Run ${runId} is in progress; start another when it has finished (GET /v1/admin/runs/${runId}).`,
  periodRequiredForFunders: 'funders read the publication of one closed period: name it (e.g. 2026-Q3).',
  runNotFound: (runId: string) => `No run with id "${runId}".`,
  runStillAlive: (runId: string, until: string) =>
    `Run ${runId} is alive: its lease is renewed while it works (now until ${until}); a run can be resumed or abandoned only once it has stopped (its lease expires at most 2 minutes after its process stops).`,
  runNotResumable: (runId: string, status: string) => status === 'succeeded'
    ? `Run ${runId} succeeded; there is nothing to resume.`
    : `Run ${runId} was abandoned; start a new run (POST /v1/admin/runs), which covers its window.`,
  runNotAbandonable: (runId: string, status: string) => `Run ${runId} has ${status === 'succeeded' ? 'succeeded' : `status ${status}`}; only a stalled or failed run can be abandoned.`,
  groupNotVisible: (groupId: string) => `No group "${groupId}" that this key can see.`,
  riskFlagsNote:
    'Risk flags are counted for your clinic only and are not monitored by anyone in real time: this pipeline is not a crisis service. Follow up flagged answers under your own clinical risk procedures.',
  periodNotPublished: (period: string) => `Period ${period} is not closed and published yet; funder reports cover closed periods only (a period closes some days after it ends, at the next nightly run).`,
  reportJobNotFound: (jobId: string) => `No report build with id "${jobId}".`,
  reportBuildLost: (minutes: number) => `The report build did not finish within ${minutes} minutes (the service stopped during it); request it again (rebuilding is safe).`,
  reportBuildFailed: 'The report build failed on our side; the detail is in the log. Request it again (rebuilding is safe).',
  noFiguresForFunder: (funderId: string, period: string) => `No programme of funder "${funderId}" has figures for ${period}.`,
  routeNotFound: (method: string, path: string) => `No route ${method} ${path}.`,
  fileMethodNotAllowed: 'Files are read with GET.',
  fileLinkNotValid: 'This link is missing, expired or does not cover this file; get a fresh one from GET /v1/reports.',
  fileNotFound: 'No such file.',
  participantNotFound: 'No records of that participant were found for that clinic.',
  unavailable: 'The store is busy; retry the same request after the time in Retry-After. Retrying is safe.',
  internal: 'Something went wrong on our side. The request can be retried safely.',
} as const;
