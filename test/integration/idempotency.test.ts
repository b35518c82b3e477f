import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimIdempotencyKey } from '../../functions/store/idempotency-store';
import { requestFingerprint } from '../../functions/core/idempotency/idempotency';
import { groupPayload, startTestStack, type TestStack } from './support/test-stack';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
  await t.stack.api.post('/v1/groups', t.stack.info.keys.clinic, groupPayload('ns-idem-1'));
  await t.stack.api.post('/v1/groups', t.stack.info.keys.clinic2, { ...groupPayload('ss-idem-1'), programmeId: 'carers' });
});
afterAll(async () => { await t?.stop(); });

const marks = (refs: string[], groupId = 'ns-idem-1') => JSON.stringify({ records: refs.map((participantRef) => ({ groupId, participantRef, session: 1, date: '2025-01-06', status: 'present' })) });

/** Posts attendance with an Idempotency-Key. */
const post = async (key: string, body: string, idempotencyKey: string | undefined) => {
  const response = await fetch(new URL('/v1/attendance', t.stack.info.apiUrl), {
    method: 'POST', body,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }) },
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), json: await response.json() as Record<string, unknown> };
};
const records = async (): Promise<number> => (await t.scanAll()).filter((item) => String(item['sk']).startsWith('ATT#')).length;

describe('Idempotency-Key on clinic writes', () => {
  it('answers the same request under the same key with the first answer and writes nothing more', async () => {
    // Act
    const first = await post(t.stack.info.keys.clinic, marks(['ID-1', 'ID-2']), 'retry-0001-aaaa');
    const afterFirst = await records();
    const again = await post(t.stack.info.keys.clinic, marks(['ID-1', 'ID-2']), 'retry-0001-aaaa');

    // Assess
    expect(first.status).toBe(200);
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect(await records()).toBe(afterFirst);
  });

  it('refuses another request under a used key with 422, writing nothing', async () => {
    // Prepare
    await post(t.stack.info.keys.clinic, marks(['ID-3']), 'retry-0002-bbbb');
    const before = await records();

    // Act
    const other = await post(t.stack.info.keys.clinic, marks(['ID-4']), 'retry-0002-bbbb');

    // Assess
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ error: 'unprocessable', message: expect.stringContaining('Idempotency-Key') });
    expect(await records()).toBe(before);
  });

  it('answers 409 while a request under the key is still being answered', async () => {
    // Prepare: the same request is in flight (claimed, not answered)
    const body = marks(['ID-5']);
    await claimIdempotencyKey(t.db, 'northside', 'retry-0003-cccc', requestFingerprint('POST', '/v1/attendance', 'application/json', body), new Date());

    // Act
    const during = await post(t.stack.info.keys.clinic, body, 'retry-0003-cccc');

    // Assess
    expect(during.status).toBe(409);
    expect(during.json).toMatchObject({ error: 'conflict', message: expect.stringContaining('still being answered') });
  });

  it('keeps keys apart per clinic', async () => {
    // Act: the other clinic uses the same key for its own request
    const own = await post(t.stack.info.keys.clinic2, marks(['SS-1'], 'ss-idem-1'), 'retry-0001-aaaa');

    // Assess
    expect(own.status).toBe(200);
    expect(own.replayed).toBeNull();
  });

  it('replays a refusal too, and refuses a malformed key with 400 naming the header', async () => {
    // Act
    const invalid = JSON.stringify({ records: [{ groupId: 'ns-idem-1', participantRef: 'ID-6', session: 0, date: '2025-01-06', status: 'present' }] });
    const refused = await post(t.stack.info.keys.clinic, invalid, 'retry-0004-dddd');
    const refusedAgain = await post(t.stack.info.keys.clinic, invalid, 'retry-0004-dddd');
    const badKey = await post(t.stack.info.keys.clinic, marks(['ID-7']), 'short');

    // Assess
    expect(refused.status).toBe(400);
    expect(refusedAgain).toEqual({ ...refused, replayed: 'true' });
    expect(badKey.status).toBe(400);
    expect(JSON.stringify(badKey.json)).toContain('Idempotency-Key');
  });
});

describe('an Idempotency-Key after its 24 hours', () => {
  it('is free again, whether or not the store has deleted it yet', async () => {
    // Prepare: a key claimed two days ago (the local store never expires items)
    const body = marks(['ID-8']);
    await claimIdempotencyKey(t.db, 'northside', 'retry-0005-eeee', requestFingerprint('POST', '/v1/attendance', 'application/json', marks(['ID-9'])), new Date(Date.now() - 2 * 86_400_000));

    // Act: another request under it
    const answer = await post(t.stack.info.keys.clinic, body, 'retry-0005-eeee');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.replayed).toBeNull();
  });

  it('answers a refusal too large to keep (thousands of problems) with its 400, and the same request again the same way', async () => {
    // Prepare: 500 marks, each wrong in three fields: a problem list larger than a DynamoDB item
    const body = JSON.stringify({ records: Array.from({ length: 500 }, (_, i) => ({ groupId: 'ns-idem-1', participantRef: `BIG-${i}`, session: -1, date: '2026-02-30', status: 'gone', ...Object.fromEntries(Array.from({ length: 12 }, (__, f) => [`unexpected_field_${f}`, 1])) })) });

    // Act
    const first = await post(t.stack.info.keys.clinic, body, 'huge-refusal-0001');
    const again = await post(t.stack.info.keys.clinic, body, 'huge-refusal-0001');

    // Assess
    expect(JSON.stringify(first.json).length).toBeGreaterThan(400_000);
    expect([first.status, again.status]).toEqual([400, 400]);
    expect(again.json).toEqual(first.json);
    expect(again.replayed).toBeNull();
  });
});
