import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupPayload, send, startTestStack, type TestStack } from './support/test-stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
  await t.stack.api.post('/v1/groups', t.stack.info.keys.clinic, groupPayload('csv-g1', ['swemwbs']));
});
afterAll(async () => { await t?.stop(); });

const items = async () => (await t.scanAll()).filter((item) => item['groupId'] === 'csv-g1' && item['type'] !== 'group');

describe('CSV uploads of a spreadsheet', () => {
  it('stores attendance and responses sent as text/csv like their JSON batches, idempotently', async () => {
    // Prepare
    const { apiUrl, keys } = t.stack.info;
    const attendance = 'groupId,participantRef,session,date,status\r\ncsv-g1,CSV-1,1,2025-01-06,present\r\ncsv-g1,CSV-2,1,2025-01-06,late\r\n';
    const responses = 'groupId,participantRef,instrument,administeredOn,session,item_1,item_2,item_3,item_4,item_5,item_6,item_7\n'
      + 'csv-g1,CSV-1,swemwbs,2025-01-06,1,3,3,3,3,3,3,3\n';

    // Act
    const first = await send(apiUrl, 'POST', '/v1/attendance', { key: keys.clinic, body: attendance, contentType: 'text/csv' });
    const again = await send(apiUrl, 'POST', '/v1/attendance', { key: keys.clinic, body: attendance, contentType: 'text/csv' });
    const scored = await send(apiUrl, 'POST', '/v1/responses', { key: keys.clinic, body: responses, contentType: 'text/csv; charset=utf-8' });

    // Assess
    expect([first.status, first.json]).toEqual([200, { accepted: 2, unchanged: 0 }]);
    expect([again.status, again.json]).toEqual([200, { accepted: 0, unchanged: 2 }]);
    expect([scored.status, scored.json]).toEqual([200, { accepted: 1, unchanged: 0, riskFlags: [] }]);
    const response = (await items()).find((item) => item['type'] === 'response');
    expect(response?.['rawScore']).toBe(21);
  });

  it('rejects a sheet with a bad row whole, naming the row and field, and writes nothing', async () => {
    // Prepare
    const { apiUrl, keys } = t.stack.info;
    const before = (await items()).length;
    const sheet = 'groupId,participantRef,session,date,status\ncsv-g1,CSV-3,2,2025-01-13,present\ncsv-g1,CSV-3,3,2025-02-30,present\n';

    // Act
    const result = await send(apiUrl, 'POST', '/v1/attendance', { key: keys.clinic, body: sheet, contentType: 'text/csv' });

    // Assess
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.json)).toContain('records/1/date');
    expect((await items()).length).toBe(before);
  });

  it('answers 400 for an unreadable sheet and 415 for CSV on a route that takes JSON only', async () => {
    // Prepare
    const { apiUrl, keys } = t.stack.info;

    // Act
    const unreadable = await send(apiUrl, 'POST', '/v1/attendance', { key: keys.clinic, body: 'groupId,session\n', contentType: 'text/csv' });
    const jsonOnly = await send(apiUrl, 'POST', '/v1/groups', { key: keys.clinic, body: 'groupId\nx\n', contentType: 'text/csv' });

    // Assess
    expect(unreadable.status).toBe(400);
    expect(JSON.stringify(unreadable.json)).toContain('missing: participantRef, date, status');
    expect(jsonOnly.status).toBe(415);
  });
});
