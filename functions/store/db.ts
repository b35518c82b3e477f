import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What store functions need: the document client, the table name, and how to wait between retries. */
export interface Db {
  client: DynamoDBDocumentClient;
  table: string;
  /** Waits between retries; tests pass an instant one. */
  sleep?: (ms: number) => Promise<void>;
  /** How many times a throttled batch is tried before giving up (default 8). */
  maxAttempts?: number;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, capped at 2 s: attempt 1 → up to 50 ms, 2 → 100 ms, … */
export const backoffMs = (attempt: number, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(2000, 50 * 2 ** (attempt - 1)));
