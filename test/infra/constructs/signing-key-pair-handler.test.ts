import { createPublicKey, createSign, createVerify } from 'node:crypto';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler, MissingSecretArnError } from '../../../infra/constructs/signing-key-pair-handler';

const secrets = mockClient(SecretsManagerClient);
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:dashboards-signing-AbCdEf';

const event = (requestType: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown> = { SecretArn: SECRET_ARN }) =>
  ({
    RequestType: requestType,
    ServiceToken: 'token',
    ResponseURL: 'https://example.invalid/',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'SigningKeyPair',
    ResourceType: 'Custom::CloudFrontSigningKeyPair',
    ResourceProperties: { ServiceToken: 'token', ...properties },
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: SECRET_ARN, OldResourceProperties: {} }),
  }) as unknown as CloudFormationCustomResourceEvent;

beforeEach(() => {
  secrets.reset();
  secrets.on(PutSecretValueCommand).resolves({});
});

describe('signing key pair handler', () => {
  it('stores a private key in the secret and returns the matching RSA-2048 public key', async () => {
    // Act
    const result = await handler(event('Create'));

    // Assess
    const put = secrets.commandCalls(PutSecretValueCommand)[0]?.args[0].input;
    expect(put?.SecretId).toBe(SECRET_ARN);
    const privateKey = put?.SecretString ?? '';
    const publicKey = result.Data?.PublicKeyPem ?? '';
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(createPublicKey(publicKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const signature = createSign('RSA-SHA1').update('policy').sign(privateKey);
    expect(createVerify('RSA-SHA1').update('policy').verify(publicKey, signature)).toBe(true);
    expect(result.PhysicalResourceId).toBe(SECRET_ARN);
  });

  it('generates a new pair on update', async () => {
    // Act
    const first = await handler(event('Create'));
    const second = await handler(event('Update', { SecretArn: SECRET_ARN, Generation: '2' }));

    // Assess
    expect(second.Data?.PublicKeyPem).not.toBe(first.Data?.PublicKeyPem);
    expect(secrets.commandCalls(PutSecretValueCommand)).toHaveLength(2);
  });

  it('leaves the secret alone on delete', async () => {
    // Act
    const result = await handler(event('Delete'));

    // Assess
    expect(result).toEqual({ PhysicalResourceId: SECRET_ARN });
    expect(secrets.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('rejects an event without a secret ARN', async () => {
    // Act & Assess
    await expect(handler(event('Create', {}))).rejects.toBeInstanceOf(MissingSecretArnError);
  });
});
