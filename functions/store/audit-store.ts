import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { auditKey, auditPartition } from './table-keys';
import type { AuditEntry } from '../../schemas/api/audit';

/**
 * Records one administrative action. Entries are never updated or deleted by the API; each carries ids and
 * counts only (the schema has no field that could hold health data or a participant reference).
 */
export const recordAudit = async (db: Db, entry: AuditEntry): Promise<void> => {
  await db.client.send(new PutCommand({
    TableName: db.table,
    // A random suffix: two actions in the same millisecond are two entries.
    Item: { ...auditKey(entry.at, randomBytes(4).toString('hex')), type: 'audit', ...entry },
    ConditionExpression: 'attribute_not_exists(pk)',
  }));
};

/** Entries from `from` to `to` (ISO instants, inclusive), newest first, at most `limit`; `truncated` when more lie in the window. */
export const listAudit = async (
  db: Db, window: { from: string; to: string; action?: string; limit: number },
): Promise<{ items: AuditEntry[]; truncated: boolean }> => {
  const items: AuditEntry[] = [];
  // One partition per UTC month, read newest month first, each newest first, until the limit is reached.
  for (const month of monthsBetween(window.from, window.to).reverse()) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :from AND :to',
        ...(window.action !== undefined && { FilterExpression: '#action = :action', ExpressionAttributeNames: { '#action': 'action' } }),
        ExpressionAttributeValues: { ':p': auditPartition(month), ':from': window.from, ':to': `${window.to}#~`, ...(window.action !== undefined && { ':action': window.action }) },
        ScanIndexForward: false,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) {
        if (items.length === window.limit) return { items, truncated: true };
        const { pk: _pk, sk: _sk, type: _type, ...entry } = item;
        items.push(entry as AuditEntry);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
  return { items, truncated: false };
};

const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  const at = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (at.toISOString().slice(0, 7) <= to.slice(0, 7)) {
    months.push(at.toISOString().slice(0, 7));
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months;
};
