import { Duration, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, Fail, JsonPath, StateMachine, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RETRIED_LAMBDA_ERRORS, stateMachineLogs } from './nightly-pipeline';
import { nagArn } from './nag-findings';

/** Properties of the report-build state machine. */
export interface ReportBuildsProps {
  /** The function that builds one job's report and records the job (functions/publishing/build-report.ts). */
  buildReport: IFunction;
  key: IKey;
}

/** How long one build may take: a whole funder report with PDF is well under a minute; a slow one still ends. */
export const REPORT_BUILD_TIMEOUT = Duration.minutes(15);

/**
 * On-demand report builds (`POST /v1/admin/reports` answers 202 and starts one execution per job, named after
 * the job), so a build is not bound by API Gateway's 29-second limit:
 *
 * ```
 * Build(jobId) ─▶ Built
 *   └─ catch (timeout, crash) ─▶ RecordFailure(jobId, error) ─▶ Failed
 * ```
 *
 * The build function records the job's outcome itself; the catch path only marks a job whose build never
 * reported back.
 */
export class ReportBuilds extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ReportBuildsProps) {
    super(scope, id);
    const build = new LambdaInvoke(this, 'Build', {
      lambdaFunction: props.buildReport,
      payload: TaskInput.fromObject({ jobId: JsonPath.stringAt('$.jobId') }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath: JsonPath.DISCARD,
    });
    const recordFailure = new LambdaInvoke(this, 'RecordFailure', {
      lambdaFunction: props.buildReport,
      payload: TaskInput.fromObject({ jobId: JsonPath.stringAt('$.jobId'), failure: JsonPath.objectAt('$.error') }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath: JsonPath.DISCARD,
    });
    for (const task of [build, recordFailure]) {
      task.addRetry({ errors: RETRIED_LAMBDA_ERRORS, interval: Duration.seconds(2), maxAttempts: 6, backoffRate: 2, maxDelay: Duration.minutes(1) });
    }
    build.addCatch(recordFailure.next(new Fail(this, 'Failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' })), {
      errors: ['States.ALL'], resultPath: '$.error',
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(build),
      timeout: REPORT_BUILD_TIMEOUT,
      tracingEnabled: true,
      // State input and output hold job ids and error names only: never participant data.
      logs: stateMachineLogs(this, props.key),
    });
    Validations.of(this.stateMachine).acknowledge(
      { id: `AwsSolutions-IAM5[Resource::${nagArn(props.buildReport)}:*]`, reason: 'Step Functions may invoke any version of the build function (CDK’s LambdaInvoke grant).' },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray tracing and CloudWatch Logs delivery APIs support no resource scoping.' },
    );
  }
}
