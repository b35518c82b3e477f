import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { DASHBOARD_GENERATIONS, FIGURE_GENERATIONS } from './generation';

const listAll = async (s3: S3Client, bucket: string, prefix: string, delimiter?: string): Promise<{ keys: string[]; folders: string[] }> => {
  const keys: string[] = [];
  const folders: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token, ...(delimiter !== undefined && { Delimiter: delimiter }) }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    for (const folder of page.CommonPrefixes ?? []) if (folder.Prefix !== undefined) folders.push(folder.Prefix);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return { keys, folders };
};

/**
 * Deletes every generation of the live outputs but `keep` (the published one and the one before it, whose
 * links may still be in use for their 15 minutes). Runs after the pointer switch, so readers never lose the
 * generation they resolve to; a crash part-way leaves older generations for the next run to delete.
 * Returns the generations deleted.
 */
export const pruneGenerations = async (s3: S3Client, bucket: string, keep: readonly string[]): Promise<string[]> => {
  const deleted = new Set<string>();
  for (const root of [DASHBOARD_GENERATIONS, FIGURE_GENERATIONS]) {
    const { folders } = await listAll(s3, bucket, root, '/');
    for (const folder of folders) {
      const generation = folder.slice(root.length, -1);
      if (keep.includes(generation)) continue;
      for (const key of (await listAll(s3, bucket, folder)).keys) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      deleted.add(generation);
    }
  }
  return [...deleted].sort();
};
