import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Fail,
  ItemBatcher,
  JitterType,
  JsonPath,
  LogLevel,
  type LogOptions,
  Parallel,
  Pass,
  S3JsonItemReader,
  StateMachine,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { NIGHTLY_STEPS } from '../api-routes';
import { nagExecutions } from './function-access';
import { nagArn, nagRef } from './nag-findings';
import { WORK_PREFIX } from './reports-storage';

/** Name of one nightly step in `NIGHTLY_STEPS`. */
export type NightlyStepName = keyof typeof NIGHTLY_STEPS;

/** Changed groups per child workflow of the distributed map. */
export const GROUPS_PER_BATCH = 50;
/** Child workflows of the distributed map running at once (bounds DynamoDB and Lambda concurrency). */
export const MAP_MAX_CONCURRENCY = 10;

/** Errors a Lambda task retries with backoff: the service's own failures and throttling, never handler errors. */
export const RETRIED_LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];

/** Properties of the nightly pipeline. */
export interface NightlyPipelineProps {
  steps: Record<NightlyStepName, IFunction>;
  /** The reports bucket; `listChanged` writes the changed-group list under `work/`, the map reads it. */
  reportsBucket: IBucket;
  key: IKey;
  /** EventBridge Scheduler expression, e.g. `cron(0 2 * * ? *)`. */
  cron: string;
  /** IANA time zone of the schedule. */
  timeZone: string;
}

/**
 * The nightly run as a Step Functions state machine, started by EventBridge Scheduler:
 *
 * ```
 * EnsureRunId (run id, lease token) ─▶ Run [ listChanged ─▶ RecomputeChangedGroups (distributed map over S3 list, batches of 50)
 *                      ─▶ rollup ─▶ renderReports ─▶ finishRun(succeeded) ] ─▶ Succeeded
 *                   └─ catch ─▶ finishRun(failed, error) ─▶ Failed
 * ```
 */
export class NightlyPipeline extends Construct {
  readonly stateMachine: StateMachine;
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: NightlyPipelineProps) {
    super(scope, id);
    const { steps } = props;
    // listChanged hands the map its work list through the bucket (a list of ids can exceed the 256 KB state limit).
    props.reportsBucket.grantPut(steps.listChanged, `${WORK_PREFIX}*`);
    Validations.of(steps.listChanged).acknowledge(
      { id: `AwsSolutions-IAM5[Resource::${nagArn(props.reportsBucket)}/${WORK_PREFIX}*]`, reason: 'Each run writes its own changed-group list under work/.' },
      { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: 'Part of CDK’s put grant; limited to work/ of the reports bucket.' },
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: 'CDK’s encrypt grant on the one stack key; scoped to that key.' },
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: 'Writing a KMS-encrypted object needs a data key of the stack key.' },
    );

    const listChanged = retried(
      new LambdaInvoke(this, 'ListChanged', {
        lambdaFunction: steps.listChanged,
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
      }),
    );
    const recompute = retried(
      new LambdaInvoke(this, 'RecomputeGroups', {
        lambdaFunction: steps.recomputeGroups,
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
      }),
    );
    const recomputeChanged = new DistributedMap(this, 'RecomputeChangedGroups', {
      itemReader: new S3JsonItemReader({ bucket: props.reportsBucket, key: JsonPath.stringAt('$.changedKey') }),
      itemBatcher: new ItemBatcher({
        maxItemsPerBatch: GROUPS_PER_BATCH,
        // BatchInput is passed through verbatim (no JsonPath token resolution), so the `.$` suffix is spelled out.
        batchInput: { 'runId.$': '$.runId', 'leaseToken.$': '$.leaseToken' },
      }),
      maxConcurrency: MAP_MAX_CONCURRENCY,
      toleratedFailurePercentage: 0,
      // Keep listChanged's output (runId, to) for the roll-up; the per-batch counts are not needed.
      resultPath: JsonPath.DISCARD,
    });
    recomputeChanged.itemProcessor(recompute);

    const rollup = retried(
      new LambdaInvoke(this, 'Rollup', {
        lambdaFunction: steps.rollup,
        payload: TaskInput.fromObject({ runId: JsonPath.stringAt('$.runId'), to: JsonPath.stringAt('$.to'), leaseToken: JsonPath.stringAt('$.leaseToken') }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
      }),
    );
    const renderReports = retried(
      new LambdaInvoke(this, 'RenderReports', {
        lambdaFunction: steps.renderReports,
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath: '$.rendered',
      }),
    );
    const finishSucceeded = retried(
      new LambdaInvoke(this, 'FinishRunSucceeded', {
        lambdaFunction: steps.finishRun,
        payload: TaskInput.fromObject({
          runId: JsonPath.stringAt('$.runId'),
          to: JsonPath.stringAt('$.to'),
          status: 'succeeded',
          reports: JsonPath.numberAt('$.rendered.reports'),
          leaseToken: JsonPath.stringAt('$.leaseToken'),
        }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
      }),
    );
    const finishFailed = retried(
      new LambdaInvoke(this, 'FinishRunFailed', {
        lambdaFunction: steps.finishRun,
        // The watermark does not move on failure, so there is no `to`; `error` is `{ Error, Cause }`.
        payload: TaskInput.fromObject({
          runId: JsonPath.stringAt('$.runId'),
          status: 'failed',
          error: JsonPath.objectAt('$.error'),
          leaseToken: JsonPath.stringAt('$.leaseToken'),
        }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath: JsonPath.DISCARD,
      }),
    );

    const run = new Parallel(this, 'Run', { resultPath: JsonPath.DISCARD });
    run.branch(listChanged.next(recomputeChanged).next(rollup).next(renderReports).next(finishSucceeded));
    run.addCatch(
      finishFailed.next(new Fail(this, 'Failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' })),
      { errors: ['States.ALL'], resultPath: '$.error' },
    );
    run.next(new Succeed(this, 'Succeeded'));

    // A scheduled start carries no run id: name the run after the execution so a failure can still be recorded.
    // The execution name is also the attempt's lease token: every step renews the lease with it, and a
    // resume (`POST /v1/admin/runs/{id}/resume`) is a new execution of the same run id with its own name.
    const nameRun = new Pass(this, 'NameRunAfterExecution', {
      parameters: { runId: JsonPath.stringAt('$$.Execution.Name'), trigger: JsonPath.stringAt('$.trigger'), leaseToken: JsonPath.stringAt('$$.Execution.Name') },
    });
    const tokenRun = new Pass(this, 'TokenAfterExecution', {
      parameters: { runId: JsonPath.stringAt('$.runId'), trigger: JsonPath.stringAt('$.trigger'), leaseToken: JsonPath.stringAt('$$.Execution.Name') },
    });
    const definition = new Choice(this, 'EnsureRunId')
      .when(Condition.and(Condition.isPresent('$.runId'), Condition.isPresent('$.leaseToken')), run)
      .when(Condition.isPresent('$.runId'), tokenRun.next(run))
      .otherwise(nameRun.next(run));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(definition),
      // The run's lease (2 minutes, renewed by every step while it works) lets the next run in soon after a
      // crash; this timeout only bounds a run that is alive but stuck.
      timeout: Duration.hours(3),
      tracingEnabled: true,
      // State input and output hold run ids, group ids and counts only: never participant data.
      logs: stateMachineLogs(this, props.key),
    });
    // The item reader reads the KMS-encrypted changed-group list.
    props.reportsBucket.grantRead(this.stateMachine, `${WORK_PREFIX}*`);
    const executions = nagExecutions(this.stateMachine);
    Validations.of(this.stateMachine).acknowledge(
      ...Object.values(steps).map((fn) => ({
        id: `AwsSolutions-IAM5[Resource::${nagArn(fn)}:*]`,
        reason: 'Step Functions may invoke any version of its own step function (CDK’s LambdaInvoke grant).',
      })),
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${nagRef(props.reportsBucket)}/*]`, reason: 'The distributed map’s S3 item reader grant; the list key is only known at run time.' },
      { id: `AwsSolutions-IAM5[Resource::${nagArn(props.reportsBucket)}/${WORK_PREFIX}*]`, reason: 'Reads the changed-group lists under work/.' },
      { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: 'Part of CDK’s read grant; limited to work/ of the reports bucket.' },
      { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: 'Part of CDK’s read grant; the reports bucket only.' },
      { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: 'Part of CDK’s read grant; the reports bucket only.' },
      { id: `AwsSolutions-IAM5[Resource::${executions}:*]`, reason: 'A distributed map manages the child executions of its own state machine.' },
      { id: `AwsSolutions-IAM5[Resource::${executions}/*:*]`, reason: 'A distributed map manages the child executions of its own state machine.' },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray tracing and CloudWatch Logs delivery APIs support no resource scoping.' },
    );

    this.deadLetterQueue = new Queue(this, 'ScheduleDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the nightly schedule.',
    });

    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler start the nightly run and dead-letter a failed start',
    });
    // The dead-letter queue is KMS-encrypted: sending to it needs the key too, which the target does not grant.
    this.deadLetterQueue.grantSendMessages(scheduleRole);
    Validations.of(scheduleRole).acknowledge(
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: 'CDK’s send grant on the KMS-encrypted dead-letter queue; scoped to the stack key.' },
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: 'Sending to the KMS-encrypted dead-letter queue needs a data key of the stack key.' },
    );

    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Starts the nightly outcomes run',
      schedule: ScheduleExpression.expression(props.cron, TimeZone.of(props.timeZone)),
      target: new StepFunctionsStartExecution(this.stateMachine, {
        role: scheduleRole,
        input: ScheduleTargetInput.fromObject({ trigger: 'schedule' }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 5,
        maxEventAge: Duration.hours(2),
      }),
    });
  }
}

/** Adds the project's retry policy to a Lambda task: Lambda service errors and throttling, with jittered backoff. */
function retried<T extends TaskStateBase>(task: T): T {
  task.addRetry({
    errors: RETRIED_LAMBDA_ERRORS,
    interval: Duration.seconds(2),
    maxAttempts: 6,
    backoffRate: 2,
    maxDelay: Duration.minutes(1),
    jitterStrategy: JitterType.FULL,
  });
  return task;
}

/**
 * Execution logs of a state machine: a year's retention, encrypted with the data key, kept when the stack goes,
 * every state with its input and output (callers keep those free of participant data).
 */
export const stateMachineLogs = (scope: Construct, key: IKey): LogOptions => ({
  destination: new LogGroup(scope, 'StateMachineLogs', { retention: RetentionDays.ONE_YEAR, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN }),
  level: LogLevel.ALL,
  includeExecutionData: true,
});
