import { CfnOutput, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { BACKGROUND_TASKS, Env, HANDLERS, NIGHTLY_STEPS } from './api-routes';
import { DataStore } from './constructs/data-store';
import { DashboardDistribution } from './constructs/dashboard-distribution';
import { allowStartReportBuild, allowStartRun } from './constructs/function-access';
import { HandlerFunctions } from './constructs/handler-functions';
import { NightlyPipeline } from './constructs/nightly-pipeline';
import { ReportBuilds } from './constructs/report-builds';
import { OperationsAlarms } from './constructs/operations-alarms';
import { OutcomesApi } from './constructs/outcomes-api';
import { ReportsStorage } from './constructs/reports-storage';
import type { DeploymentSettings } from './deployment-settings';

/** Properties of the outcomes stack. */
export interface OutcomesStackProps extends StackProps {
  settings: DeploymentSettings;
}

/** Everything Resilience Outcomes runs on in AWS: store, API, nightly pipeline, reports and dashboards, alarms. */
export class OutcomesStack extends Stack {
  readonly dataStore: DataStore;
  readonly reports: ReportsStorage;
  readonly dashboards: DashboardDistribution;
  readonly api: OutcomesApi;
  readonly nightly: NightlyPipeline;
  readonly reportBuilds: ReportBuilds;
  readonly alarms: OperationsAlarms;

  constructor(scope: Construct, id: string, props: OutcomesStackProps) {
    super(scope, id, props);
    const { settings } = props;

    // One customer-managed key keeps the running cost at a single key for table, secrets, bucket, queue, topic and logs.
    const key = new Key(this, 'Key', {
      description: 'Resilience Outcomes data, secrets and logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grantEncryptDecrypt(new ServicePrincipal(`logs.${this.region}.amazonaws.com`));

    this.dataStore = new DataStore(this, 'Data', { key });
    this.reports = new ReportsStorage(this, 'Reports', { key });
    this.dashboards = new DashboardDistribution(this, 'Dashboards', {
      reportsBucket: this.reports.bucket,
      logBucket: this.reports.logBucket,
      key,
      bundling: settings.bundling,
      keyGeneration: settings.dashboardKeyGeneration,
    });
    this.alarms = new OperationsAlarms(this, 'Alarms', { key });

    const functionProps = {
      bundling: settings.bundling,
      key,
      environment: {
        [Env.tableName]: this.dataStore.table.tableName,
        [Env.reportsBucket]: this.reports.bucket.bucketName,
        [Env.suppressionK]: settings.suppressionK,
        [Env.funderRounding]: settings.funderRounding,
        [Env.licensedInstruments]: settings.licensedInstruments,
        [Env.timeZone]: settings.timeZone,
      },
      targets: {
        table: this.dataStore.table,
        pseudonymSecret: this.dataStore.pseudonymSecret,
        reportsBucket: this.reports.bucket,
        dashboardSigning: {
          distributionDomain: this.dashboards.distribution.distributionDomainName,
          keyPairId: this.dashboards.keyPairId,
          signingKeySecret: this.dashboards.keyPair.privateKeySecret,
        },
      },
      alarms: this.alarms,
    };
    const handlers = new HandlerFunctions(this, 'Handlers', { ...functionProps, specs: HANDLERS });
    const steps = new HandlerFunctions(this, 'NightlySteps', { ...functionProps, specs: NIGHTLY_STEPS });
    const background = new HandlerFunctions(this, 'Background', { ...functionProps, specs: BACKGROUND_TASKS });

    this.api = new OutcomesApi(this, 'Api', { functions: handlers.byName, key });
    this.nightly = new NightlyPipeline(this, 'Nightly', {
      steps: steps.byName,
      reportsBucket: this.reports.bucket,
      key,
      cron: settings.nightlyCron,
      timeZone: settings.timeZone,
    });
    this.reportBuilds = new ReportBuilds(this, 'ReportBuilds', { buildReport: background.byName.buildReport, key });
    for (const [name, spec] of Object.entries(HANDLERS) as [keyof typeof HANDLERS, (typeof HANDLERS)[keyof typeof HANDLERS]][]) {
      if ((spec.access as readonly string[]).includes('startRun')) allowStartRun(handlers.byName[name], this.nightly.stateMachine);
      if ((spec.access as readonly string[]).includes('startReportBuild')) allowStartReportBuild(handlers.byName[name], this.reportBuilds.stateMachine);
    }

    this.alarms.watchApi(this.api.api);
    this.alarms.watchStateMachine(this.nightly.stateMachine);
    this.alarms.watchStateMachine(this.reportBuilds.stateMachine, 'ReportBuild', 'On-demand report build');
    this.alarms.watchDeadLetters('NightlySchedule', this.nightly.deadLetterQueue);

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
    new CfnOutput(this, 'DashboardsDomain', { value: this.dashboards.distribution.distributionDomainName });
    new CfnOutput(this, 'ReportsBucket', { value: this.reports.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.dataStore.table.tableName });
    new CfnOutput(this, 'StateMachineArn', { value: this.nightly.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });

    Validations.of(this).acknowledge(
      { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: 'Each role gets its own least-privilege policy from CDK grants; a managed policy per role would add no control.' },
      { id: 'HIPAA.Security-LambdaInsideVPC', reason: 'The functions reach only AWS APIs over TLS with IAM; a VPC would need NAT or endpoints costing more than the stack.' },
      { id: 'HIPAA.Security-LambdaDLQ', reason: 'Functions are invoked synchronously (API Gateway, Step Functions, CloudFormation); the only async path, the schedule, has its own DLQ.' },
      { id: 'HIPAA.Security-LambdaConcurrency', reason: 'New accounts have a concurrency quota of 10; reservations would fail deployment. Stage throttling and map concurrency bound load.' },
    );
  }
}
