/** Every message the API shows its callers, in one place so wording stays consistent and tests can assert on it. */
export const Messages = {
  bodyNotJson: 'The request body is not valid JSON.',
  bodyMissing: 'The request needs a JSON body.',
  bodyTooLarge: (limit: number) => `The request body is larger than ${limit} bytes; send smaller batches.`,
  notJsonContentType: 'Send the body as application/json.',
  missingKey: 'Send an API key as "Authorization: Bearer <key>".',
  invalidKey: 'The API key is not valid or has been revoked.',
  roleNotAllowed: (role: string, allowed: readonly string[]) =>
    `${/^[aeiou]/i.test(role) ? 'An' : 'A'} ${role} key cannot do this; it needs a key with the role ${allowed.join(' or ')}.`,
  groupOfOtherClinic: (groupId: string) => `Group "${groupId}" belongs to another clinic; this key can only write to its own clinic's groups.`,
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
  keyNotFound: (keyId: string) => `No key with id "${keyId}".`,
  runInProgress: (runId: string) => `Run ${runId} is in progress; start another when it has finished (GET /v1/admin/runs/${runId}).`,
  runNotFound: (runId: string) => `No run with id "${runId}".`,
  periodNotPublished: (period: string) => `Period ${period} is not closed and published yet; funder reports cover closed periods only (a period closes some days after it ends, at the next nightly run).`,
  noFiguresForFunder: (funderId: string, period: string) => `No programme of funder "${funderId}" has figures for ${period}.`,
  routeNotFound: (method: string, path: string) => `No route ${method} ${path}.`,
  participantNotFound: 'No records of that participant were found for that clinic.',
  unavailable: 'The store is busy; retry the same request after the time in Retry-After. Retrying is safe.',
  internal: 'Something went wrong on our side. The request can be retried safely.',
} as const;
