import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { handler } from '../../../functions/api/authorizer';
import { formatApiKey, hashApiKey, keyIdOf } from '../../../functions/core/access/api-key';
import { fromContext } from '../../../functions/core/access/principal';
import { dynamo, fakeTable } from './support/fake-table';

const KEY = formatApiKey(Buffer.alloc(32, 1));
const REVOKED = formatApiKey(Buffer.alloc(32, 2));
const stored = (key: string, extra: Record<string, unknown> = {}) => {
  const hash = hashApiKey(key);
  const keyId = keyIdOf(hash);
  return { pk: `KEY#${keyId}`, sk: 'META', keyId, hash, principal: { role: 'clinic', keyId, clinicId: 'northside' }, createdAt: '2026-01-01T00:00:00Z', ...extra };
};
const authorize = (authorization?: string) => handler({
  type: 'REQUEST', methodArn: 'arn:aws:execute-api:eu-west-2:123456789012:abc123/prod/POST/v1/attendance',
  headers: authorization === undefined ? {} : { Authorization: authorization },
} as unknown as APIGatewayRequestAuthorizerEvent);

beforeEach(() => {
  fakeTable([stored(KEY), stored(REVOKED, { revokedAt: '2026-02-01T00:00:00Z' })]);
});
afterAll(() => { dynamo.restore(); });

describe('authorizer', () => {
  it('allows a live key on every method of the stage, carrying its principal as context', async () => {
    // Act
    const result = await authorize(`Bearer ${KEY}`);

    // Assess
    expect(result.principalId).toBe(keyIdOf(hashApiKey(KEY)));
    expect(result.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-2:123456789012:abc123/prod/*' }]);
    expect(fromContext(result.context)).toEqual({ role: 'clinic', keyId: keyIdOf(hashApiKey(KEY)), clinicId: 'northside' });
  });

  it.each([
    ['no header', undefined],
    ['a malformed header', 'Bearer nonsense'],
    ['an unknown key', `Bearer ${formatApiKey(Buffer.alloc(32, 3))}`],
    ['a revoked key', `Bearer ${REVOKED}`],
  ])('refuses %s with Unauthorized', async (_, header) => {
    await expect(authorize(header)).rejects.toThrow('Unauthorized');
  });
});
