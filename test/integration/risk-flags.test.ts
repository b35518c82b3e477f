import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../infra/local/api-client';
import { groupPayload, send, startTestStack, type TestStack } from './support/test-stack';

let t: TestStack;
let keys: TestStack['stack']['info']['keys'];
/** Participant references of this file: none may reach the logs. */
const REFS = ['RF-ALPHA-000001', 'RF-BRAVO-000002', 'RF-CHARLIE-0003'];
const GROUP = { ...groupPayload('rf-adult-1', ['phq9', 'core10']), programmeId: 'adult-resilience' };

const phq9 = (ref: string, session: number, item9: number) => ({
  groupId: GROUP.groupId, participantRef: ref, instrument: 'phq9', administeredOn: '2025-02-03', session, items: [1, 1, 1, 1, 1, 1, 1, 1, item9],
});
const core10 = (ref: string, item6: number) => ({
  groupId: GROUP.groupId, participantRef: ref, instrument: 'core10', administeredOn: '2025-02-03', session: 1, items: [1, 3, 3, 1, 1, item6, 1, 1, 1, 1],
});
const refusal = async (call: Promise<unknown>): Promise<ApiError> => {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the API to refuse the request');
};

beforeAll(async () => {
  t = await startTestStack();
  keys = t.stack.info.keys;
  await t.stack.api.post('/v1/groups', keys.clinic, GROUP);
});
afterAll(async () => { await t?.stop(); });

describe('risk flags', () => {
  it('returns the risk flags of a JSON batch by record index, with what they mean', async () => {
    // Act
    const receipt = await t.stack.api.post('/v1/responses', keys.clinic, {
      responses: [phq9(REFS[0]!, 1, 0), phq9(REFS[1]!, 1, 2), core10(REFS[2]!, 1)],
    });

    // Assess
    expect(receipt).toEqual({
      accepted: 3, unchanged: 0,
      riskFlags: [
        { index: 1, groupId: GROUP.groupId, session: 1, instrument: 'phq9', item: 9, flag: 'phq9-item9-self-harm', meaning: expect.stringMatching(/self-harm/) },
        { index: 2, groupId: GROUP.groupId, session: 1, instrument: 'core10', item: 6, flag: 'core10-item6-risk', meaning: expect.stringMatching(/risk item/) },
      ],
    });
    expect(JSON.stringify(receipt)).not.toContain('RF-');
  });

  it('returns the risk flags of a CSV upload by data row', async () => {
    // Prepare
    const sheet = 'groupId,participantRef,instrument,administeredOn,session,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9\n'
      + `${GROUP.groupId},${REFS[0]},phq9,2025-02-10,2,0,0,0,0,0,0,0,0,1\n`
      + `${GROUP.groupId},${REFS[1]},phq9,2025-02-10,2,0,0,0,0,0,0,0,0,0\n`;

    // Act
    const result = await send(t.stack.info.apiUrl, 'POST', '/v1/responses', { key: keys.clinic, body: sheet, contentType: 'text/csv' });

    // Assess
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ accepted: 2, riskFlags: [{ index: 0, session: 2, instrument: 'phq9', item: 9 }] });
    expect((result.json as { riskFlags: unknown[] }).riskFlags).toHaveLength(1);
  });

  it('counts the flagged responses of a group for the owning clinic, with the not-a-crisis-service note', async () => {
    // Act
    const count = await t.stack.api.get(`/v1/groups/${GROUP.groupId}/risk-flags`, keys.clinic);

    // Assess: PHQ-9 session 1 (one), CORE-10 (one), PHQ-9 session 2 (one)
    expect(count).toEqual({
      groupId: GROUP.groupId, flaggedResponses: 3, byInstrument: { phq9: 2, core10: 1 },
      note: expect.stringMatching(/not monitored by anyone in real time: this pipeline is not a crisis service/),
    });
  });

  it('gives another clinic, the manager and the funder the same refusal as for a group that does not exist', async () => {
    // Act
    const refusals = await Promise.all([
      refusal(t.stack.api.get(`/v1/groups/${GROUP.groupId}/risk-flags`, keys.clinic2)),
      refusal(t.stack.api.get(`/v1/groups/${GROUP.groupId}/risk-flags`, keys.manager)),
      refusal(t.stack.api.get(`/v1/groups/${GROUP.groupId}/risk-flags`, keys.funder)),
      refusal(t.stack.api.get(`/v1/groups/${GROUP.groupId}/risk-flags`, keys.admin)),
    ]);
    const missing = await refusal(t.stack.api.get('/v1/groups/rf-no-such-group/risk-flags', keys.clinic));

    // Assess
    const shape = (e: ApiError) => ({ status: e.status, body: JSON.stringify(e.body).replace(/rf-no-such-group|rf-adult-1/g, '<id>') });
    for (const e of refusals) expect(shape(e)).toEqual(shape(missing));
    expect(missing.status).toBe(404);
  });

  it('writes no participant reference and no risk detail to the logs', () => {
    // Assess
    const logs = t.stdout();
    for (const ref of REFS) expect(logs).not.toContain(ref);
    expect(logs).not.toContain('phq9-item9-self-harm');
  });
});
