import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { decide, IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, keepsAnswer, requestFingerprint } from '../core/idempotency/idempotency';
import { Messages } from '../core/messages';
import type { Principal } from '../core/access/principal';
import { db } from '../runtime/context';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../store/idempotency-store';
import { ConflictError, UnprocessableError, ValidationError } from './errors';
import { errorResponse } from './http-response';
import { header } from './request';

type ClinicPrincipal = Extract<Principal, { role: 'clinic' }>;
type Route = (event: APIGatewayProxyEvent, principal: ClinicPrincipal) => Promise<APIGatewayProxyResult>;

const rawBody = (event: APIGatewayProxyEvent): string =>
  event.body === null || event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

/**
 * Wraps a clinic write with `Idempotency-Key` replay. Without the header the route runs as before (its writes are
 * idempotent by record key anyway). With it: the first request under the clinic's key runs and its answer is kept
 * for 24 hours; the same request again gets that answer (`Idempotent-Replayed: true`) and writes nothing; another
 * request under the key is refused with 422; one while the first is still being answered with 409. A server
 * error frees the key, so a retry redoes the request.
 */
export const idempotent = (route: Route, now: () => Date = () => new Date()): Route => async (event, principal) => {
  const key = header(event, IDEMPOTENCY_HEADER);
  if (key === undefined) return route(event, principal);
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationError([{ index: null, path: IDEMPOTENCY_HEADER, message: `${IDEMPOTENCY_HEADER}: ${Messages.invalidIdempotencyKey}` }]);
  }
  const fingerprint = requestFingerprint(event.httpMethod, event.path, header(event, 'content-type') ?? '', rawBody(event));
  const claim = await claimIdempotencyKey(db, principal.clinicId, key, fingerprint, now());
  if (!claim.claimed) {
    const decision = decide(claim.record, fingerprint, now().getTime());
    if (decision.kind === 'mismatch') throw new UnprocessableError(Messages.idempotencyKeyReused);
    if (decision.kind === 'replay') {
      return { statusCode: decision.answer.statusCode, headers: { 'content-type': decision.answer.contentType, 'idempotent-replayed': 'true' }, body: decision.answer.body };
    }
    throw new ConflictError(Messages.idempotencyKeyInFlight);
  }
  let answer: APIGatewayProxyResult;
  try {
    answer = await route(event, principal);
  } catch (error) {
    // A refusal (4xx) is an answer too: kept, so the same request gets it again. A server error frees the key.
    const mapped = errorResponse(error, () => {});
    if (keepsAnswer(mapped.statusCode, Buffer.byteLength(mapped.body))) await completeIdempotencyKey(db, principal.clinicId, key, { statusCode: mapped.statusCode, contentType: 'application/json', body: mapped.body }, now());
    else await releaseIdempotencyKey(db, principal.clinicId, key);
    throw error;
  }
  if (keepsAnswer(answer.statusCode, Buffer.byteLength(answer.body))) {
    const contentType = Object.entries(answer.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    await completeIdempotencyKey(db, principal.clinicId, key, { statusCode: answer.statusCode, contentType: String(contentType ?? 'application/json'), body: answer.body }, now());
  } else {
    await releaseIdempotencyKey(db, principal.clinicId, key);
  }
  return answer;
};
