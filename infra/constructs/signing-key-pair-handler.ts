import { generateKeyPairSync } from 'node:crypto';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** What the Provider framework needs back: the physical id and the public key for `AWS::CloudFront::PublicKey`. */
export interface SigningKeyPairResult {
  PhysicalResourceId: string;
  Data?: { PublicKeyPem: string };
}

/** The custom resource was given no usable `SecretArn` property. */
export class MissingSecretArnError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The SigningKeyPair custom resource needs a SecretArn property.', options);
    this.name = 'MissingSecretArnError';
  }
}

const secrets = new SecretsManagerClient({});

/**
 * Generates an RSA-2048 key pair for CloudFront signed URLs on create and update (bump `Generation` to rotate),
 * stores the private key in the given secret and returns the public key; delete leaves the retained secret alone.
 */
export const handler = async (event: CloudFormationCustomResourceEvent): Promise<SigningKeyPairResult> => {
  const secretArn: unknown = event.ResourceProperties['SecretArn'];
  if (typeof secretArn !== 'string' || secretArn === '') throw new MissingSecretArnError();
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };

  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await secrets.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: privateKey }));
  // The physical id stays the secret's, so a rotation updates the key in place instead of replacing the resource.
  return { PhysicalResourceId: secretArn, Data: { PublicKeyPem: publicKey } };
};
