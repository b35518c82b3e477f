import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLE } from '../table-definition';

/** Properties of the data store. */
export interface DataStoreProps {
  /** Customer-managed key that encrypts the table and the secret. */
  key: IKey;
}

/** The one DynamoDB table (built from `TABLE`) and the pseudonymisation secret. */
export class DataStore extends Construct {
  readonly table: Table;
  readonly pseudonymSecret: Secret;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      deletionProtection: true,
      timeToLiveAttribute: TABLE.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of Object.values(TABLE.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    Validations.of(this.table).acknowledge({
      id: 'HIPAA.Security-DynamoDBInBackupPlan',
      reason: 'Point-in-time recovery (35 days) is the backup; an AWS Backup plan would add cost without a new restore point type.',
    });

    this.pseudonymSecret = new Secret(this, 'PseudonymSecret', {
      description: 'HMAC-SHA-256 key that pseudonymises participant references (clinic-scoped).',
      encryptionKey: props.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing the key would orphan every stored pseudonym.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const rotationReason =
      'Rotating the pseudonymisation key changes every pseudonym and breaks linkage; re-keying is a planned operator procedure (re-pseudonymise, then swap), not an automatic rotation.';
    Validations.of(this.pseudonymSecret).acknowledge(
      { id: 'AwsSolutions-SMG4', reason: rotationReason },
      { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason: rotationReason },
    );
  }
}
