/** DynamoDB stayed throttled or unavailable after every retry; the operation can be retried as a whole. */
export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError';
}

/** A conditional write found the item owned by someone else or in an unexpected state. */
export class ConditionFailedError extends Error {
  override readonly name = 'ConditionFailedError';
}

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded',
  'InternalServerError', 'ServiceUnavailable', 'TransactionConflictException',
]);

/** Tells whether an SDK error is throttling or a transient server fault worth retrying. */
export const isRetryable = (error: unknown): boolean => {
  if (error === null || typeof error !== 'object') return false;
  const e = error as { name?: unknown; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (typeof e.name === 'string' && RETRYABLE.has(e.name)) return true;
  if (e.$retryable !== undefined && e.$retryable !== null) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
};

/** Tells whether an SDK error is a failed condition expression. */
export const isConditionFailed = (error: unknown): boolean =>
  error !== null && typeof error === 'object' && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
