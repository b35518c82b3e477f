import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PublishedObject } from './published-object';

/**
 * Writes objects to the bucket with their content type, cache policy and a SHA-256 checksum that S3 verifies;
 * at most `concurrency` requests at a time. The last object — the manifest, where `assembleObjects` puts it —
 * is written only after every other one succeeded, so a manifest is never in the bucket before the files it
 * lists (readers go by it). Writing the same objects again is idempotent (same keys, same bytes).
 */
export const putObjects = async (s3: S3Client, bucket: string, objects: readonly PublishedObject[], concurrency = 8): Promise<void> => {
  const put = (object: PublishedObject) => s3.send(new PutObjectCommand({
    Bucket: bucket,
    Key: object.key,
    Body: object.body,
    ContentType: object.contentType,
    CacheControl: object.cacheControl,
    ChecksumSHA256: Buffer.from(object.sha256, 'hex').toString('base64'),
  }));
  const listed = objects.slice(0, -1);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < listed.length) {
      const object = listed[next];
      next += 1;
      if (object !== undefined) await put(object);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, listed.length) }, worker));
  const last = objects.at(-1);
  if (last !== undefined) await put(last);
};
