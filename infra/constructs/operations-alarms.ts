import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Properties of the operations alarms. */
export interface OperationsAlarmsProps {
  /** Key that encrypts the alarm topic. */
  key: IKey;
}

/** Metrics one CloudWatch metric-math alarm may combine. */
const METRICS_PER_ALARM = 10;
const PERIOD = Duration.minutes(5);

/**
 * One KMS-encrypted SNS topic and the alarms that notify it; subscribe the operator's address to `topic`.
 * Functions are watched in groups through metric math (an alarm costs the same as a small stack's monthly compute).
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Resilience Outcomes alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    // CloudWatch publishes to the encrypted topic with the key.
    props.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.action = new SnsAction(this.topic);
  }

  /** Alarms when any of the functions reports errors, and when any is throttled (metric math, up to 10 per alarm). */
  watchFunctions(name: string, functions: Record<string, IFunction>): void {
    const entries = Object.entries(functions);
    for (let start = 0; start < entries.length; start += METRICS_PER_ALARM) {
      const group = entries.slice(start, start + METRICS_PER_ALARM);
      const suffix = start === 0 ? '' : String(start / METRICS_PER_ALARM + 1);
      const names = group.map(([fnName]) => fnName).join(', ');
      this.alarm(`${name}Errors${suffix}`, sum(group.map(([, fn]) => fn.metricErrors())), `Function errors in ${names}`);
      this.alarm(`${name}Throttles${suffix}`, sum(group.map(([, fn]) => fn.metricThrottles())), `Throttled invocations of ${names}`);
    }
  }

  /** Alarms when the API answers 5xx (the API promises that no input makes it answer 5xx). */
  watchApi(api: RestApi): void {
    this.alarm('Api5xx', api.metricServerError({ period: PERIOD }), 'API answered 5xx');
  }

  /** Alarms when an execution (by default a nightly run) fails, times out or is aborted. */
  watchStateMachine(stateMachine: IStateMachine, name = 'Nightly', what = 'Nightly run'): void {
    this.alarm(
      `${name}Failed`,
      sum([stateMachine.metricFailed(), stateMachine.metricTimedOut(), stateMachine.metricAborted()]),
      `${what} failed, timed out or was aborted`,
    );
  }

  /** Alarms when anything lands in a dead-letter queue. */
  watchDeadLetters(name: string, queue: IQueue): void {
    this.alarm(
      `${name}DeadLetters`,
      queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
      `${name} has dead letters`,
    );
  }

  private alarm(id: string, metric: IMetric, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }
}

/** The sum of metrics over the alarm period, missing points counted as zero. */
function sum(metrics: IMetric[]): MathExpression {
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric]));
  return new MathExpression({
    expression: `SUM([${Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(', ')}])`,
    usingMetrics,
    period: PERIOD,
  });
}
