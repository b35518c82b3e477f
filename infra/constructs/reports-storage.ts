import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Properties of the reports storage. */
export interface ReportsStorageProps {
  /** Customer-managed key of the reports bucket. */
  key: IKey;
}

/** Prefix of intermediate objects of a nightly run (e.g. the changed-group list), expired after 14 days. */
export const WORK_PREFIX = 'work/';

/** The private, versioned, KMS-encrypted reports bucket and the bucket that receives its (and CloudFront's) access logs. */
export class ReportsStorage extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: ReportsStorageProps) {
    super(scope, id);
    this.logBucket = new Bucket(this, 'AccessLogs', {
      // Server access log delivery supports SSE-S3 only, not SSE-KMS.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge(
      { id: 'AwsSolutions-S1', reason: 'This is the access-log bucket; logging it into itself would loop.' },
      { id: 'HIPAA.Security-S3BucketLoggingEnabled', reason: 'This is the access-log bucket; logging it into itself would loop.' },
      { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: 'S3 server access log delivery supports SSE-S3 only.' },
      { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: 'Access logs hold no health data; cross-region replication is not worth its cost here.' },
    );

    this.bucket = new Bucket(this, 'Reports', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'reports-bucket/',
      lifecycleRules: [
        { id: 'expire-work', prefix: WORK_PREFIX, expiration: Duration.days(14), noncurrentVersionExpiration: Duration.days(1) },
        // Idempotent republishing leaves old versions behind; keep them long enough to recover from a bad night.
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(90) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'HIPAA.Security-S3BucketReplicationEnabled',
      reason: 'Reports are regenerated from the table each night; versioning covers recovery, replication would double cost.',
    });
  }
}
