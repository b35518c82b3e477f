import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../../functions/api/groups';
import { HARBOUR, bodyOf, proxyEvent } from './support/events';
import { dynamo, fakeTable, groupItem } from './support/fake-table';

const GROUP = {
  groupId: 'new-group', programmeId: 'carers', groupType: 'psychotherapy', startDate: '2026-01-05',
  plannedSessions: 12, instruments: ['swemwbs', 'phq9'], facilitatorQualification: 'clinical_psychologist',
};
const post = (body: unknown, principal?: typeof HARBOUR) => handler(proxyEvent({ body, path: '/v1/groups', ...(principal && { principal }) }));

beforeEach(() => {
  fakeTable([{ pk: 'PROGRAMMES', sk: 'carers', programmeId: 'carers' }, groupItem('theirs', 'harbour')]);
});
afterAll(() => { dynamo.restore(); });

describe('POST /v1/groups', () => {
  it('registers a group of the caller clinic with a changed marker', async () => {
    // Act
    const result = await post(GROUP);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ groupId: 'new-group', accepted: 1, unchanged: 0, outcome: 'created' });
    const update = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toBe('attribute_not_exists(pk) OR clinicId = :clinic');
    expect(Object.values(update?.ExpressionAttributeValues ?? {})).toEqual(expect.arrayContaining(['northside', 'group', expect.stringMatching(/^CHANGED#\d{4}-\d{2}-\d{2}$/)]));
  });

  it('refuses a group id owned by another clinic with 409, naming neither the owner nor the group, and no update', async () => {
    // Act
    const result = await post({ ...GROUP, groupId: 'theirs' });

    // Assess
    expect(result.statusCode).toBe(409);
    expect(bodyOf(result)).toEqual({ error: 'conflict', message: 'Group id "theirs" is already in use; choose another id (starting group ids with your clinic\'s id keeps them apart).' });
    expect(result.body).not.toContain('harbour');
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers the same 409 when another clinic takes the id between the read and the write', async () => {
    // Prepare
    const taken = await post({ ...GROUP, groupId: 'theirs' });
    dynamo.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const raced = await post({ ...GROUP, groupId: 'theirs-too' });

    // Assess
    expect(raced.statusCode).toBe(409);
    expect(bodyOf(raced)['message']).toBe((bodyOf(taken)['message'] as string).replace('"theirs"', '"theirs-too"'));
  });

  it('names an unknown instrument, an unlicensed cd-risc-10 and an unregistered programme', async () => {
    // Act
    const result = await post({ ...GROUP, programmeId: 'nowhere', instruments: ['swemwbs', 'cd-risc-10', 'sdq'] });

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([
      { index: null, path: 'programmeId', message: expect.stringContaining('Programme "nowhere" is not registered') },
      { index: null, path: 'instruments/1', message: expect.stringContaining("'cd-risc-10' needs a licence") },
      { index: null, path: 'instruments/2', message: expect.stringContaining("unknown instrument 'sdq'") },
    ]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('names a group type outside the four', async () => {
    // Act
    const result = await post({ ...GROUP, groupType: 'mindfulness' });

    // Assess
    expect(bodyOf(result)['problems']).toEqual([{ index: null, path: 'groupType', message: expect.stringContaining('"psychoeducational", "support", "skill_development", "psychotherapy"') }]);
  });
});
