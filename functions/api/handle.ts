import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ForbiddenError, ServiceUnavailableError, UnauthorizedError } from './errors';
import { errorResponse } from './http-response';
import { Messages } from '../core/messages';
import { fromContext, type Principal, type Role } from '../core/access/principal';
import { StoreBusyError, isRetryable } from '../store/store-errors';
import { logger } from '../runtime/logger';

type Handler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
type Narrow<R extends Role> = Extract<Principal, { role: R }>;

/**
 * Wraps a route: establishes the caller from the authorizer context, checks the role, runs the route and
 * turns every error into the right response through the one error mapper.
 */
export const authorized = <R extends Role>(
  roles: readonly R[],
  route: (event: APIGatewayProxyEvent, principal: Narrow<R>) => Promise<APIGatewayProxyResult>,
): Handler => async (event) => {
  try {
    const principal = fromContext(event.requestContext?.authorizer);
    if (principal === null) throw new UnauthorizedError(Messages.missingKey);
    if (!(roles as readonly Role[]).includes(principal.role)) throw new ForbiddenError(Messages.roleNotAllowed(principal.role, roles));
    logger.appendKeys({ keyId: principal.keyId, role: principal.role });
    return await route(event, principal as Narrow<R>);
  } catch (error) {
    return respondToError(error);
  } finally {
    logger.removeKeys(['keyId', 'role']);
  }
};

/** Wraps a public route (no key needed). */
export const open = (route: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>): Handler => async (event) => {
  try {
    return await route(event);
  } catch (error) {
    return respondToError(error);
  }
};

const respondToError = (error: unknown): APIGatewayProxyResult => {
  // Throttling that escaped the store's own retries (a single read or update) is as busy as a StoreBusyError: 503, never 500.
  const mapped = error instanceof StoreBusyError || isRetryable(error) ? new ServiceUnavailableError((error as Error).message, 5, { cause: error }) : error;
  if (mapped instanceof ServiceUnavailableError) logger.warn('Store busy after retries', { errorName: (error as Error).name });
  return errorResponse(mapped, (unexpected) => logger.error('Unexpected error', unexpected as Error));
};
