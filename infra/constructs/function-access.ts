import { Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Env } from '../api-routes';
import type { Access } from '../api-routes';
import { nagArn } from './nag-findings';

/** Environment variables of the `reports` handler for signing CloudFront dashboard links. */
export const DashboardEnv = {
  /** Domain name of the dashboards distribution (`dxxxx.cloudfront.net`). */
  distributionDomain: 'DASHBOARD_DISTRIBUTION_DOMAIN',
  /** Id of the CloudFront public key whose private half signs dashboard URLs. */
  keyPairId: 'DASHBOARD_KEY_PAIR_ID',
  /** ARN of the secret holding the PEM private key that signs dashboard URLs. */
  signingKeySecretArn: 'DASHBOARD_SIGNING_KEY_SECRET_ARN',
} as const;

/** Where dashboard links come from: the distribution, its key pair id and the secret of the private key. */
export interface DashboardSigning {
  distributionDomain: string;
  keyPairId: string;
  signingKeySecret: ISecret;
}

/** The resources a handler's `access` list can refer to. */
export interface AccessTargets {
  table: ITable;
  pseudonymSecret: ISecret;
  reportsBucket: IBucket;
  dashboardSigning: DashboardSigning;
}

/** Reads the table (and its indexes), nothing else. */
export function allowTableRead(fn: LambdaFunction, table: ITable): void {
  table.grantReadData(fn);
  acknowledgeIndexes(fn, table);
}

/** Reads and writes the table (idempotent conditional writes need both). */
export function allowTableReadWrite(fn: LambdaFunction, table: ITable): void {
  table.grantReadWriteData(fn);
  acknowledgeIndexes(fn, table);
  acknowledgeKmsWrite(fn);
}

/** Reads the pseudonymisation key and tells the function where it is. */
export function allowPseudonymisation(fn: LambdaFunction, secret: ISecret): void {
  secret.grantRead(fn);
  fn.addEnvironment(Env.pseudonymSecretArn, secret.secretArn);
}

/** Reads published reports to issue presigned S3 links, and signs CloudFront dashboard links. */
export function allowReportLinks(fn: LambdaFunction, bucket: IBucket, signing: DashboardSigning): void {
  bucket.grantRead(fn);
  acknowledgeBucketRead(fn, bucket);
  signing.signingKeySecret.grantRead(fn);
  fn.addEnvironment(DashboardEnv.distributionDomain, signing.distributionDomain);
  fn.addEnvironment(DashboardEnv.keyPairId, signing.keyPairId);
  fn.addEnvironment(DashboardEnv.signingKeySecretArn, signing.signingKeySecret.secretArn);
}

/** Publishes reports: reads existing objects (idempotent rewrites compare checksums) and writes new ones. */
export function allowReportPublishing(fn: LambdaFunction, bucket: IBucket): void {
  bucket.grantReadWrite(fn);
  acknowledgeBucketRead(fn, bucket);
  acknowledgeKmsWrite(fn);
  Validations.of(fn).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: 'Republishing a period replaces its objects; deletes are versioned.' },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: 'Large PDFs use multipart uploads that may need aborting.' },
  );
}

/** Starts executions of the nightly state machine and reads their status. */
export function allowStartRun(fn: LambdaFunction, stateMachine: IStateMachine): void {
  stateMachine.grantStartExecution(fn);
  stateMachine.grantRead(fn);
  fn.addEnvironment(Env.stateMachineArn, stateMachine.stateMachineArn);
  Validations.of(fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagExecutions(stateMachine)}:*]`,
    reason: 'Reading a run’s status needs its execution, whose id is only known at run time; scoped to this state machine.',
  });
}

/** Lets an API function start report builds (executions of the report-build state machine); it reads their jobs from the table. */
export function allowStartReportBuild(fn: LambdaFunction, stateMachine: IStateMachine): void {
  stateMachine.grantStartExecution(fn);
  fn.addEnvironment(Env.reportStateMachineArn, stateMachine.stateMachineArn);
}

/** How cdk-nag spells the execution ARNs of a state machine (its name is cut out of the ARN at deploy time). */
export function nagExecutions(stateMachine: IStateMachine): string {
  return `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${nagArn(stateMachine).slice(1, -5)}"}]}]}`;
}

function acknowledgeIndexes(fn: LambdaFunction, table: ITable): void {
  Validations.of(fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagArn(table)}/index/*]`,
    reason: 'Queries by changed-group and participant use the table’s own indexes.',
  });
}

function acknowledgeKmsWrite(fn: LambdaFunction): void {
  Validations.of(fn).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: 'CDK’s encrypt grant on the one stack key; scoped to that key.' },
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: 'Writing KMS-encrypted data needs data keys of the stack key; scoped to that key.' },
  );
}

function acknowledgeBucketRead(fn: LambdaFunction, bucket: IBucket): void {
  Validations.of(fn).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: 'Reads published objects and their versions/attributes in the reports bucket only.' },
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: 'Bucket metadata of the reports bucket only.' },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: 'Listing what was published is how reports are found; reports bucket only.' },
    { id: `AwsSolutions-IAM5[Resource::${nagArn(bucket)}/*]`, reason: 'Report keys are per programme, funder and period, known only at run time.' },
  );
}

/**
 * Grants a function exactly what its `access` list in `infra/api-routes.ts` says; `startRun` and
 * `startReportBuild` are granted later (their state machines need their task functions first).
 */
export function grantAccess(fn: LambdaFunction, access: readonly Access[], targets: AccessTargets): void {
  for (const need of access) {
    switch (need) {
      case 'tableRead':
        allowTableRead(fn, targets.table);
        break;
      case 'tableWrite':
        allowTableReadWrite(fn, targets.table);
        break;
      case 'pseudonymSecret':
        allowPseudonymisation(fn, targets.pseudonymSecret);
        break;
      case 'reportsRead':
        allowReportLinks(fn, targets.reportsBucket, targets.dashboardSigning);
        break;
      case 'reportsWrite':
        allowReportPublishing(fn, targets.reportsBucket);
        break;
      case 'startRun':
      case 'startReportBuild':
        break;
    }
  }
}
