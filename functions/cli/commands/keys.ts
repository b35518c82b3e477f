import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';

/**
 * `outcomes keys bootstrap --table <name>`: the first admin key of a deployment. Every other key is issued
 * through `POST /v1/admin/keys`; this one is written straight to the table with the operator's AWS
 * credentials (only the key's hash is stored; the key is printed once).
 */
export const registerKeys = (program: Command): void => {
  const keys = program.command('keys').description('Manage API keys that cannot be issued through the API');
  keys
    .command('bootstrap')
    .description("Create a deployment's first admin key (uses your AWS credentials and region)")
    .requiredOption('--table <name>', 'the DynamoDB table name (stack output TableName)')
    .option('--label <label>', 'a note to recognise the key by', 'bootstrap admin key')
    .action(async (options: { table: string; label: string }) => {
      const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
      const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
      const { formatApiKey, hashApiKey } = await import('../../core/access/api-key');
      const { putKey } = await import('../../store/key-store');
      const db = { client: DynamoDBDocumentClient.from(new DynamoDBClient({})), table: options.table };
      const key = formatApiKey(randomBytes(32));
      const stored = await putKey(db, hashApiKey(key), { role: 'admin', keyId: '' }, new Date().toISOString(), options.label);
      process.stdout.write(`Admin key ${stored.keyId} created. Store it now; it is not shown again:\n${key}\n`);
    });
};
