import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ThrottlingException } from '@aws-sdk/client-dynamodb';
import { handler } from '../../../functions/api/responses';
import { db } from '../../../functions/runtime/context';
import { HARBOUR, bodyOf, proxyEvent } from './support/events';
import { dynamo, fakeTable, groupItem, writtenItems } from './support/fake-table';

const BRS = { groupId: 'own', participantRef: 'N-0001', instrument: 'brs', administeredOn: '2026-01-05', session: 1, items: [5, 1, 5, 1, 5, 1] };
const post = (responses: unknown[], principal = undefined as typeof HARBOUR | undefined) =>
  handler(proxyEvent({ body: { responses }, path: '/v1/responses', ...(principal && { principal }) }));

const phq9 = (participantRef: string, items: unknown[] = [1, 1, 1, 1, 1, 1, 1, 1, 0]) =>
  ({ groupId: 'scales', participantRef, instrument: 'phq9', administeredOn: '2026-01-05', session: 1, items });
const ors = (participantRef: string, items: unknown[]) =>
  ({ groupId: 'scales', participantRef, instrument: 'ors', administeredOn: '2026-01-05', session: 1, items });
const CSV_HEADER = 'groupId,participantRef,instrument,administeredOn,session,item_1,item_2,item_3,item_4,item_5,item_6,item_7\n';
const csvRow = (ref: string, items: string) => `scales,${ref},swemwbs,2026-01-05,1,${items}\n`;

beforeEach(() => {
  fakeTable([groupItem('own', 'northside'), groupItem('theirs', 'harbour'), groupItem('licensed', 'northside', ['cd-risc-10']), groupItem('scales', 'northside', ['phq9', 'ors', 'swemwbs'])]);
  db.sleep = async () => {};
});
afterAll(() => { dynamo.restore(); });

describe('POST /v1/responses', () => {
  it('stores each administration with the score computed on the server and no raw reference', async () => {
    // Act
    const result = await post([BRS, { ...BRS, session: 2, administeredOn: '2026-01-12', items: [3, 3, 3, 3, 3, 3] }]);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ accepted: 2, unchanged: 0, riskFlags: [] });
    const items = writtenItems();
    expect(items.map((item) => [item['type'], item['instrument'], item['session'], item['score']])).toEqual([
      ['response', 'brs', 1, 5],
      ['response', 'brs', 2, 3],
    ]);
    expect(JSON.stringify(items)).not.toContain('N-0001');
  });

  it('retries a throttled write and succeeds', async () => {
    // Prepare
    dynamo.on(PutCommand)
      .rejectsOnce(new ThrottlingException({ message: 'slow down', $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: 'slow down', $metadata: {} }))
      .resolves({});

    // Act
    const result = await post([BRS]);

    // Assess
    expect(bodyOf(result)).toEqual({ accepted: 1, unchanged: 0, riskFlags: [] });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(3);
  });

  it('names an instrument the group did not register', async () => {
    // Act
    const result = await post([{ ...BRS, instrument: 'phq9', items: [0, 0, 0, 0, 0, 0, 0, 0, 0] }]);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([{
      index: 0, path: 'responses/0/instrument',
      message: 'responses/0/instrument: Instrument "phq9" is not registered for group "own" (registered: swemwbs, brs).',
    }]);
    expect(writtenItems()).toEqual([]);
  });

  it('names an unlicensed cd-risc-10 even when its group registered it', async () => {
    // Act
    const result = await post([{ ...BRS, groupId: 'licensed', instrument: 'cd-risc-10', items: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2] }]);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([{ index: 0, path: 'responses/0/instrument', message: expect.stringMatching(/^responses\/0\/instrument: .*'cd-risc-10' needs a licence/) }]);
    expect(writtenItems()).toEqual([]);
  });

  it('names item answers that do not fit the instrument', async () => {
    // Act
    const result = await post([{ ...BRS, items: [5, 1, 5, 1, 9] }]);

    // Assess
    expect(result.statusCode).toBe(400);
    expect((bodyOf(result)['problems'] as { path: string }[]).every((p) => p.path.startsWith('responses/0/items'))).toBe(true);
  });

  it('names administeredOn when it lies before the group started', async () => {
    // Act
    const result = await post([{ ...BRS, administeredOn: '2026-01-04' }]);

    // Assess
    expect(bodyOf(result)['problems']).toEqual([{ index: 0, path: 'responses/0/administeredOn', message: expect.stringContaining("before the group's start date") }]);
  });

  it("refuses another clinic's group as if it did not exist, and sends no write", async () => {
    // Act
    const result = await post([BRS], HARBOUR);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([{ index: 0, path: 'responses/0/groupId', message: 'responses/0/groupId: Group "own" is not registered; register it with POST /v1/groups first.' }]);
    expect(writtenItems()).toEqual([]);
  });

  it('names an unknown property of a response', async () => {
    // Act
    const result = await post([{ ...BRS, dateOfBirth: '1980-01-01' }]);

    // Assess
    expect(bodyOf(result)['problems']).toEqual([{ index: 0, path: 'responses/0/dateOfBirth', message: expect.stringContaining('is not an allowed field') }]);
  });
});

const problemsOf = (result: { body: string }) => bodyOf(result)['problems'] as { index: number; path: string; message: string }[];

describe('POST /v1/responses risk flags', () => {
  it('flags PHQ-9 item 9 above 0 by record index and stores the risk flag, without the raw reference', async () => {
    // Act
    const result = await post([phq9('N-0001'), phq9('N-0002', [0, 0, 0, 0, 0, 0, 0, 0, 1])]);

    // Assess
    expect(bodyOf(result)).toEqual({
      accepted: 2, unchanged: 0,
      riskFlags: [{ index: 1, groupId: 'scales', session: 1, instrument: 'phq9', item: 9, flag: 'phq9-item9-self-harm', meaning: expect.stringContaining('self-harm') }],
    });
    expect(writtenItems().map((item) => item['flags'])).toEqual([[], ['risk']]);
    expect(result.body).not.toContain('N-0002');
  });

  it('flags a CSV row the same way, by its data row', async () => {
    // Prepare
    const header = 'groupId,participantRef,instrument,administeredOn,session,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9\n';
    const sheet = `${header}scales,N-1,phq9,2026-01-05,1,0,0,0,0,0,0,0,0,0\nscales,N-2,phq9,2026-01-05,1,0,0,0,0,0,0,0,0,3\n`;

    // Act
    const result = await handler(proxyEvent({ text: sheet, contentType: 'text/csv' }));

    // Assess
    expect(bodyOf(result)['riskFlags']).toEqual([expect.objectContaining({ index: 1, instrument: 'phq9', item: 9 })]);
  });
});

describe('POST /v1/responses answers on the scale', () => {
  it.each([
    ['the smallest denormal', 5e-324],
    ['a tiny number', 1e-300],
    ['a number just off an integer', 1.00000001],
    ['a number just below an integer', 2.9999999999],
  ])('refuses %s as an answer with a 400 naming the item', async (_what, value) => {
    // Act
    const result = await handler(proxyEvent({ body: { responses: [phq9('N-1', [value, 1, 1, 1, 1, 1, 1, 1, 0])] } }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(problemsOf(result)).toEqual([{ index: 0, path: 'responses/0/items/0', message: `responses/0/items/0: item 1 of phq9: ${value} is not allowed; allowed: integers 0–3` }]);
  });

  it('takes every one-decimal ORS answer and refuses one a hair off the 0.1 grid', async () => {
    // Prepare
    // 0.0, 0.1, …, 10.0 as a client's JSON carries them, four to a record.
    const grid = Array.from({ length: 101 }, (_, k) => JSON.parse((k / 10).toFixed(1)) as number);
    const onGrid = Array.from({ length: 26 }, (_, i) => ors(`N-${i}`, [0, 1, 2, 3].map((j) => grid[(i * 4 + j) % grid.length])));

    // Act
    const accepted = await handler(proxyEvent({ body: { responses: onGrid } }));
    const refused = await handler(proxyEvent({ body: { responses: [ors('N-x', [7.1, 7.10000001, 1e-300, 0.30000000000000004])] } }));

    // Assess
    expect(accepted.statusCode).toBe(200);
    expect(refused.statusCode).toBe(400);
    expect(problemsOf(refused).map((p) => p.path)).toEqual(['responses/0/items/1', 'responses/0/items/2', 'responses/0/items/3']);
  });

  it('writes nothing and marks no group changed when one record of a large batch has a denormal answer', async () => {
    // Prepare
    const batch = Array.from({ length: 100 }, (_, i) => phq9(`N-${i}`));
    batch[75] = phq9('N-75', [1, 1, 1, 5e-324, 1, 1, 1, 1, 0]);

    // Act
    const result = await handler(proxyEvent({ body: { responses: batch } }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(problemsOf(result).map((p) => p.path)).toEqual(['responses/75/items/3']);
    expect(writtenItems()).toEqual([]);
    expect(writtenItems()).toEqual([]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('refuses an off-grid answer in a CSV sheet the same way, naming the row and item', async () => {
    // Prepare
    const sheet = CSV_HEADER + csvRow('N-1', '3,3,3,3,3,3,3') + csvRow('N-2', '3,3,1.00000001,3,3,3,3') + csvRow('N-3', '3,3,3,3,3,3,0.0000000000000000001');

    // Act
    const result = await handler(proxyEvent({ text: sheet, contentType: 'text/csv' }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(problemsOf(result).map((p) => p.path)).toEqual(['responses/1/items/2', 'responses/2/items/6']);
    expect(problemsOf(result)[0]?.message).toBe('responses/1/items/2: item 3 of swemwbs: 1.00000001 is not allowed; allowed: integers 1–5');
    expect(writtenItems()).toEqual([]);
  });

  it('refuses an exponent-notation answer in a CSV sheet as not a number, naming the row and item', async () => {
    // Act
    const result = await handler(proxyEvent({ text: CSV_HEADER + csvRow('N-1', '3,3,3,3,3,3,5e-324'), contentType: 'text/csv' }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(problemsOf(result).map((p) => p.path)).toEqual(['responses/0/items/6']);
    expect(writtenItems()).toEqual([]);
  });
});
