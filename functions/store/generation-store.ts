import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { generationKey } from './table-keys';
import { isConditionFailed } from './store-errors';

/** The pointer to the published generation of the live outputs, and the one before it (kept for links in flight). */
export interface GenerationPointer {
  current: string;
  previous?: string;
  switchedAt: string;
}

/** The pointer, or undefined before the first generation was published. */
export const getGenerationPointer = async (db: Db): Promise<GenerationPointer | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: generationKey, ConsistentRead: true }));
  const item = result.Item;
  if (item === undefined || typeof item['current'] !== 'string') return undefined;
  return { current: item['current'], ...(typeof item['previous'] === 'string' && { previous: item['previous'] }), switchedAt: String(item['switchedAt']) };
};

/** Another writer switched the pointer between this one's read and write. */
export class GenerationSwitchConflictError extends Error {
  override readonly name = 'GenerationSwitchConflictError';
}

/**
 * Makes `generation` the published one, in one conditional write over the pointer as read (no transaction):
 * the moment readers move from the previous generation to this one. Switching to the current generation
 * again (a resumed run) changes nothing. Returns the pointer now stored.
 */
export const switchGeneration = async (db: Db, generation: string, now: Date): Promise<GenerationPointer> => {
  const seen = await getGenerationPointer(db);
  if (seen?.current === generation) return seen;
  const pointer: GenerationPointer = { current: generation, ...(seen !== undefined && { previous: seen.current }), switchedAt: now.toISOString() };
  try {
    await db.client.send(new PutCommand({
      TableName: db.table, Item: { ...generationKey, type: 'generationPointer', ...pointer },
      ConditionExpression: seen === undefined ? 'attribute_not_exists(pk)' : '#c = :seen',
      ...(seen !== undefined && { ExpressionAttributeNames: { '#c': 'current' }, ExpressionAttributeValues: { ':seen': seen.current } }),
    }));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    throw new GenerationSwitchConflictError(`The published generation changed while ${generation} was being switched to`, { cause: error });
  }
  return pointer;
};
