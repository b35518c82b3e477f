import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The endpoint comes from the SDK's standard variable (AWS_ENDPOINT_URL_DYNAMODB), so the same code talks to AWS or
// to dynalite. Two attempts in the SDK: the store retries whole batches itself with backoff and a time budget.
// A module of its own, apart from the S3 client: a handler that only needs the table does not load the S3 SDK.
const dynamo = new DynamoDBClient({ maxAttempts: 2 });

/** The DynamoDB document client shared by every handler of this process. */
export const documentClient = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
