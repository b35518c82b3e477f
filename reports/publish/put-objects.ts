import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PublishedObject } from './published-object';

/**
 * Writes objects to the bucket with their content type, cache policy and a SHA-256 checksum that S3 verifies;
 * at most `concurrency` requests at a time. Writing the same objects again is idempotent (same keys, same bytes).
 */
export const putObjects = async (s3: S3Client, bucket: string, objects: readonly PublishedObject[], concurrency = 8): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < objects.length) {
      const object = objects[next];
      next += 1;
      if (object === undefined) continue;
      await s3.send(new PutObjectCommand({
        Bucket: bucket,
        Key: object.key,
        Body: object.body,
        ContentType: object.contentType,
        CacheControl: object.cacheControl,
        ChecksumSHA256: Buffer.from(object.sha256, 'hex').toString('base64'),
      }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, objects.length) }, worker));
};
