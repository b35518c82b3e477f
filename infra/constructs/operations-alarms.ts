import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Properties of the operations alarms. */
export interface OperationsAlarmsProps {
  /** Key that encrypts the alarm topic. */
  key: IKey;
}

/** One KMS-encrypted SNS topic and the alarms that notify it; subscribe the operator's address to `topic`. */
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

  /** Alarms when a function reports errors or is throttled. */
  watchFunction(name: string, fn: LambdaFunction): void {
    this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `${name} function errors`);
    this.alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(5) }), `${name} function throttled`);
  }

  /** Alarms when the API answers 5xx (the API promises that no input makes it answer 5xx). */
  watchApi(api: RestApi): void {
    this.alarm('Api5xx', api.metricServerError({ period: Duration.minutes(5) }), 'API answered 5xx');
  }

  /** Alarms when a nightly run fails, times out or is aborted. */
  watchStateMachine(stateMachine: IStateMachine): void {
    this.alarm('NightlyFailed', stateMachine.metricFailed({ period: Duration.minutes(5) }), 'Nightly run failed');
    this.alarm('NightlyTimedOut', stateMachine.metricTimedOut({ period: Duration.minutes(5) }), 'Nightly run timed out');
    this.alarm('NightlyAborted', stateMachine.metricAborted({ period: Duration.minutes(5) }), 'Nightly run aborted');
  }

  /** Alarms when anything lands in a dead-letter queue. */
  watchDeadLetters(name: string, queue: IQueue): void {
    this.alarm(
      `${name}DeadLetters`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
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
