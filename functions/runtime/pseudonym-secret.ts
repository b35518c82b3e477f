import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Env } from '../../infra/api-routes';
import { ConfigurationError } from './config';

let cached: Promise<Buffer> | undefined;

/**
 * The pseudonymisation key: from Secrets Manager in AWS (`PSEUDONYM_SECRET_ARN`), from the generated key
 * file of the local stack otherwise (`PSEUDONYM_KEY_FILE`). Read once per process.
 */
export const pseudonymSecret = (env: NodeJS.ProcessEnv = process.env): Promise<Buffer> => {
  cached ??= load(env).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
};

const load = async (env: NodeJS.ProcessEnv): Promise<Buffer> => {
  const arn = env[Env.pseudonymSecretArn];
  if (arn) {
    const result = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!result.SecretString) throw new ConfigurationError('The pseudonymisation secret is empty');
    return Buffer.from(result.SecretString, 'utf8');
  }
  const file = env[Env.pseudonymKeyFile];
  if (!file) throw new ConfigurationError(`Set ${Env.pseudonymSecretArn} (AWS) or ${Env.pseudonymKeyFile} (local stack)`);
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  if (key.length < 32) throw new ConfigurationError(`The key file ${file} must hold at least 32 bytes as hex`);
  return key;
};
