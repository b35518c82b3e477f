import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** An object to publish, with its content type and cache policy. */
export interface StoredObject {
  key: string;
  body: Buffer;
  contentType: string;
  cacheControl?: string;
}

/** SHA-256 of a body, hex (the manifest's form) . */
export const sha256Hex = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

/** Writes an object with its SHA-256 checksum (S3 verifies it on arrival) and returns the hex digest. */
export const putObject = async (s3: S3Client, bucket: string, object: StoredObject): Promise<string> => {
  const digest = createHash('sha256').update(object.body);
  const hex = digest.copy().digest('hex');
  await s3.send(new PutObjectCommand({
    Bucket: bucket, Key: object.key, Body: object.body, ContentType: object.contentType,
    CacheControl: object.cacheControl ?? 'no-cache', ChecksumSHA256: digest.digest('base64'),
  }));
  return hex;
};

/** Reads an object's body, or undefined when it does not exist. */
export const getObjectBody = async (s3: S3Client, bucket: string, key: string): Promise<Buffer | undefined> => {
  try {
    const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await result.Body!.transformToByteArray());
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
};
