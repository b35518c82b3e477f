import { describe, expect, it } from 'vitest';
import { decide, IN_FLIGHT_STALE_MS, keepsAnswer, MAX_KEPT_ANSWER_BYTES, requestFingerprint } from '../../functions/core/idempotency/idempotency';

const NOW = Date.parse('2026-12-08T10:00:00Z');
const answer = { statusCode: 200, body: '{"written":1}', contentType: 'application/json' };

describe('Idempotency-Key decisions', () => {
  it('binds a key to the method, path, media type and body (charset and case of the media type aside)', () => {
    const base = requestFingerprint('POST', '/v1/attendance', 'application/json', '{}');
    expect(requestFingerprint('post', '/v1/attendance', 'Application/JSON; charset=utf-8', '{}')).toBe(base);
    expect(requestFingerprint('POST', '/v1/responses', 'application/json', '{}')).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/attendance', 'text/csv', '{}')).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/attendance', 'application/json', '{ }')).not.toBe(base);
  });

  it('replays the answer of the same request, refuses another request, waits for one in flight and takes over a stale one', () => {
    const started = new Date(NOW - 1000).toISOString();
    expect(decide({ fingerprint: 'a', state: 'done', startedAt: started, answer }, 'a', NOW)).toEqual({ kind: 'replay', answer });
    expect(decide({ fingerprint: 'a', state: 'done', startedAt: started, answer }, 'b', NOW)).toEqual({ kind: 'mismatch' });
    expect(decide({ fingerprint: 'a', state: 'in_flight', startedAt: started }, 'a', NOW)).toEqual({ kind: 'in_flight' });
    expect(decide({ fingerprint: 'a', state: 'in_flight', startedAt: new Date(NOW - IN_FLIGHT_STALE_MS - 1).toISOString() }, 'a', NOW)).toEqual({ kind: 'take_over' });
  });

  it('keeps every answer but a server error', () => {
    expect([200, 201, 400, 403, 409, 422, 500, 503].map((status) => keepsAnswer(status))).toEqual([true, true, true, true, true, true, false, false]);
  });

  it('does not keep an answer too large for a DynamoDB item', () => {
    expect([keepsAnswer(400, MAX_KEPT_ANSWER_BYTES), keepsAnswer(400, MAX_KEPT_ANSWER_BYTES + 1), keepsAnswer(200, 450_000)]).toEqual([true, false, false]);
  });
});
