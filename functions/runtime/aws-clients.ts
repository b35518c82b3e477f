import { S3Client } from '@aws-sdk/client-s3';

// Endpoints come from the SDK's standard variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3), so the
// same code talks to AWS or to the embedded servers. Only S3 needs one switch: a custom endpoint has no
// per-bucket DNS names, so path-style addressing is used there.
export { documentClient } from './dynamo-client';

/** The S3 client shared by every handler of this process. */
export const s3Client = new S3Client({ forcePathStyle: process.env['AWS_ENDPOINT_URL_S3'] !== undefined });
