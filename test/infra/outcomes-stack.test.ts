import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_TASKS, Env, HANDLERS, NIGHTLY_STEPS, ROUTES } from '../../infra/api-routes';
import { API_BURST_LIMIT, API_RATE_LIMIT } from '../../infra/constructs/outcomes-api';
import { GROUPS_PER_BATCH, MAP_MAX_CONCURRENCY } from '../../infra/constructs/nightly-pipeline';
import { DashboardEnv } from '../../infra/constructs/function-access';
import { createOutcomesApp } from '../../infra/outcomes-app';
import { TABLE } from '../../infra/table-definition';
import { GATEWAY_RESPONSES } from '../../infra/gateway-responses';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
interface StateDefinition {
  Type: string;
  States?: Record<string, StateDefinition>;
  Branches?: { StartAt: string; States: Record<string, StateDefinition> }[];
  ItemProcessor?: { ProcessorConfig: Record<string, string>; States: Record<string, StateDefinition> };
  Retry?: { ErrorEquals: string[]; BackoffRate?: number; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  [key: string]: unknown;
}

let template: Template;
let resources: Resources;

beforeAll(() => {
  // Prepare: one synthesis for the whole file, without esbuild bundling.
  const { stack } = createOutcomesApp({ context: { bundling: 'false' } });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

/** Full path of every API Gateway resource, by logical id, rebuilt from PathPart and ParentId. */
function resourcePaths(): Map<string, string> {
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const props = resources[id]?.Properties as { PathPart: string; ParentId: { Ref?: string } };
    const parent = props.ParentId.Ref === undefined ? '' : pathOf(props.ParentId.Ref);
    const path = `${parent}/${props.PathPart}`;
    paths.set(id, path);
    return path;
  };
  for (const [id] of ofType('AWS::ApiGateway::Resource')) pathOf(id);
  return paths;
}

/** The state machine definition with CloudFormation tokens replaced by a placeholder. */
function stateMachineDefinition(): StateDefinition {
  const [, machine] = ofType('AWS::StepFunctions::StateMachine').find(([id]) => id.startsWith('Nightly')) as [string, Resources[string]];
  const join = (machine.Properties['DefinitionString'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(join.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('')) as StateDefinition;
}

/** Every Task state of a definition, nested branches and item processors included. */
function tasks(states: Record<string, StateDefinition>): [string, StateDefinition][] {
  return Object.entries(states).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? [[name, state] as [string, StateDefinition]] : []),
    ...(state.Branches ?? []).flatMap((branch) => tasks(branch.States)),
    ...(state.ItemProcessor ? tasks(state.ItemProcessor.States) : []),
  ]);
}

describe('data store', () => {
  it('creates the table from TABLE with PITR, KMS, deletion protection, TTL and both indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: Object.values(TABLE.indexes).map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ),
    });
  });

  it('retains the table and rotates its customer-managed key', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('generates the pseudonymisation secret encrypted with the stack key', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('pseudonymises'),
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });
});

describe('reports bucket', () => {
  it('is private, versioned, KMS-encrypted with a bucket key and logs access to the log bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
          }),
        ],
      },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'reports-bucket/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'work/', ExpirationInDays: 14, Status: 'Enabled' })]),
      },
    });
  });

  it('refuses requests without TLS on every bucket', () => {
    const policies = ofType('AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(ofType('AWS::S3::Bucket').length);
    for (const [, policy] of policies) {
      expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('blocks public access on every bucket', () => {
    for (const [, bucket] of ofType('AWS::S3::Bucket')) {
      expect(bucket.Properties['PublicAccessBlockConfiguration']).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });
});

describe('API', () => {
  it('has one method per route, with the authorizer exactly on the authorized routes', () => {
    const paths = resourcePaths();
    const methods = ofType('AWS::ApiGateway::Method').map(([, method]) => method.Properties);
    expect(methods).toHaveLength(ROUTES.length);
    for (const route of ROUTES) {
      const method = methods.find(
        (props) => props['HttpMethod'] === route.method && paths.get((props['ResourceId'] as { Ref: string }).Ref) === route.path,
      );
      expect(method, `${route.method} ${route.path}`).toBeDefined();
      if (route.authorized) {
        expect(method).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: expect.any(String) } });
      } else {
        expect(method?.['AuthorizationType']).toBe('NONE');
        expect(method?.['AuthorizerId']).toBeUndefined();
      }
      expect(method?.['Integration']).toMatchObject({ Type: 'AWS_PROXY' });
    }
  });

  it('leaves only the health and OpenAPI routes public', () => {
    expect(ROUTES.filter((route) => !route.authorized).map((route) => route.path)).toEqual(['/health', '/openapi.json']);
  });

  it('caches the REQUEST authorizer per Authorization header for five minutes', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  it('throttles, traces and writes JSON access logs on the stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: API_RATE_LIMIT,
          ThrottlingBurstLimit: API_BURST_LIMIT,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ],
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
    const [[, stage]] = ofType('AWS::ApiGateway::Stage') as [[string, Resources[string]]];
    const format = (stage.Properties['AccessLogSetting'] as { Format: string }).Format;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('validates required parameters on every method', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
    for (const [, method] of ofType('AWS::ApiGateway::Method')) {
      expect(method.Properties['RequestValidatorId']).toBeDefined();
    }
  });
});

describe('functions', () => {
  it('runs every function on Node 22 and arm64 with active tracing', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThanOrEqual(Object.keys(HANDLERS).length + Object.keys(NIGHTLY_STEPS).length + Object.keys(BACKGROUND_TASKS).length);
    for (const [id, fn] of functions) {
      expect(fn.Properties['Runtime'], id).toBe('nodejs22.x');
      expect(fn.Properties['Architectures'], id).toEqual(['arm64']);
    }
    for (const [id, fn] of functions.filter(([name]) => !name.includes('framework'))) {
      expect(fn.Properties['TracingConfig'], id).toEqual({ Mode: 'Active' });
      expect(fn.Properties['LoggingConfig'], id).toMatchObject({ LogFormat: 'JSON', LogGroup: expect.anything() });
    }
  });

  it('gives every handler the service name, log level and configuration', () => {
    const handlerCount = Object.keys(HANDLERS).length + Object.keys(NIGHTLY_STEPS).length + Object.keys(BACKGROUND_TASKS).length;
    const configured = ofType('AWS::Lambda::Function').filter(([, fn]) => {
      const variables = (fn.Properties['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      return [Env.tableName, Env.reportsBucket, Env.suppressionK, Env.funderRounding, Env.timeZone, 'POWERTOOLS_SERVICE_NAME', 'LOG_LEVEL'].every(
        (name) => name in variables,
      );
    });
    expect(configured).toHaveLength(handlerCount);
  });

  it('tells only the handlers that need them where the secret, the state machine and the signing key are', () => {
    const withVariable = (name: string) =>
      ofType('AWS::Lambda::Function')
        .filter(([, fn]) => name in ((fn.Properties['Environment'] as { Variables?: object } | undefined)?.Variables ?? {}))
        .map(([id]) => id)
        .sort();
    const idsOf = (names: string[]) => names.map((name) => expect.stringMatching(new RegExp(`^(Handlers|NightlySteps|Background)${name}[0-9A-F]{8}$`)));
    const needing = (access: string) =>
      [...Object.entries(HANDLERS), ...Object.entries(NIGHTLY_STEPS), ...Object.entries(BACKGROUND_TASKS)].filter(([, spec]) => (spec.access as readonly string[]).includes(access)).map(([name]) => name);
    expect(withVariable(Env.pseudonymSecretArn)).toEqual(expect.arrayContaining(idsOf(needing('pseudonymSecret'))));
    expect(withVariable(Env.pseudonymSecretArn)).toHaveLength(needing('pseudonymSecret').length);
    expect(withVariable(Env.stateMachineArn)).toEqual(idsOf(needing('startRun')));
    expect(withVariable(Env.reportStateMachineArn)).toEqual(idsOf(needing('startReportBuild')));
    for (const name of Object.values(DashboardEnv)) {
      expect(withVariable(name)).toEqual(expect.arrayContaining(idsOf(needing('reportsRead'))));
      expect(withVariable(name)).toHaveLength(needing('reportsRead').length);
    }
  });

  it('lets the first nightly step write the table: the run record, the lease, and the retention sweep deletes expired records', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']) })]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^NightlyStepslistChangedServiceRole') }],
    });
  });

  it('lets the run starter start executions of the nightly state machine', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'states:StartExecution', Resource: { Ref: Match.stringLikeRegexp('^NightlyStateMachine') } }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^HandlersadminRunsServiceRole') }],
    });
  });
});

describe('nightly orchestration', () => {
  it('schedules the run at 02:00 Europe/London with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('^NightlyStateMachine') },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyScheduleDeadLetters'), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 7200 },
        Input: JSON.stringify({ trigger: 'schedule' }),
      }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });

  it('lets the schedule write to its KMS-encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']) }),
          Match.objectLike({ Action: Match.arrayWith(['kms:GenerateDataKey*']) }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^NightlyScheduleRole') }],
    });
  });

  it('logs every state machine event and traces executions', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('recomputes changed groups in a distributed map reading batches from S3 with bounded concurrency', () => {
    const definition = stateMachineDefinition();
    const branch = definition.States?.['Run']?.Branches?.[0];
    expect(branch?.StartAt).toBe('ListChanged');
    const map = branch?.States['RecomputeChangedGroups'];
    expect(map).toMatchObject({
      Type: 'Map',
      MaxConcurrency: MAP_MAX_CONCURRENCY,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } },
      ItemReader: {
        Resource: expect.stringContaining(':states:::s3:getObject'),
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { Bucket: 'TOKEN', 'Key.$': '$.changedKey' },
      },
      ItemBatcher: { MaxItemsPerBatch: GROUPS_PER_BATCH, BatchInput: { 'runId.$': '$.runId', 'leaseToken.$': '$.leaseToken' } },
      ResultPath: null,
    });
    expect(Object.keys(map?.ItemProcessor?.States ?? {})).toEqual(['RecomputeGroups']);
  });

  it('chains list, map, roll-up, render and finish in order', () => {
    const states = stateMachineDefinition().States?.['Run']?.Branches?.[0]?.States ?? {};
    const order: string[] = [];
    for (let name: string | undefined = 'ListChanged'; name !== undefined; name = states[name]?.['Next'] as string | undefined) order.push(name);
    expect(order).toEqual(['ListChanged', 'RecomputeChangedGroups', 'Rollup', 'RenderReports', 'FinishRunSucceeded']);
    expect(states['Rollup']?.['Parameters']).toEqual({ 'runId.$': '$.runId', 'to.$': '$.to', 'leaseToken.$': '$.leaseToken' });
    expect(states['FinishRunSucceeded']?.['Parameters']).toEqual({
      'runId.$': '$.runId', 'to.$': '$.to', status: 'succeeded', 'reports.$': '$.rendered.reports', 'leaseToken.$': '$.leaseToken',
    });
  });

  it('gives every execution a lease token: the one the API took the lease with, else the execution name', () => {
    const states = stateMachineDefinition().States ?? {};
    expect(states['EnsureRunId']).toMatchObject({
      Type: 'Choice',
      Choices: [
        { And: [{ Variable: '$.runId', IsPresent: true }, { Variable: '$.leaseToken', IsPresent: true }], Next: 'Run' },
        { Variable: '$.runId', IsPresent: true, Next: 'TokenAfterExecution' },
      ],
      Default: 'NameRunAfterExecution',
    });
    expect(states['NameRunAfterExecution']?.['Parameters']).toEqual({ 'runId.$': '$$.Execution.Name', 'trigger.$': '$.trigger', 'leaseToken.$': '$$.Execution.Name' });
    expect(states['TokenAfterExecution']?.['Parameters']).toEqual({ 'runId.$': '$.runId', 'trigger.$': '$.trigger', 'leaseToken.$': '$$.Execution.Name' });
  });

  it('retries throttling and Lambda service errors with backoff on every task', () => {
    const allTasks = tasks(stateMachineDefinition().States ?? {});
    expect(allTasks.map(([name]) => name).sort()).toEqual(
      ['FinishRunFailed', 'FinishRunSucceeded', 'ListChanged', 'RecomputeGroups', 'RenderReports', 'Rollup'],
    );
    for (const [name, task] of allTasks) {
      expect(task.Retry, name).toEqual([
        expect.objectContaining({
          ErrorEquals: expect.arrayContaining(['Lambda.TooManyRequestsException', 'Lambda.ServiceException']),
          BackoffRate: 2,
        }),
      ]);
    }
  });

  it('records a failed run with its error and then fails the execution', () => {
    const states = stateMachineDefinition().States ?? {};
    expect(states['Run']?.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'FinishRunFailed' }]);
    expect(states['FinishRunFailed']).toMatchObject({
      Parameters: { 'runId.$': '$.runId', status: 'failed', 'error.$': '$.error', 'leaseToken.$': '$.leaseToken' },
      Next: 'Failed',
    });
    expect(states['Failed']).toMatchObject({ Type: 'Fail', ErrorPath: '$.error.Error' });
  });
});

describe('on-demand report builds', () => {
  const definitionOf = () => {
    const [, machine] = ofType('AWS::StepFunctions::StateMachine').find(([id]) => id.startsWith('ReportBuilds')) ?? [];
    const body = machine?.Properties['DefinitionString'] as { 'Fn::Join': [string, unknown[]] } | undefined;
    const text = (body?.['Fn::Join'][1] ?? []).map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
    return JSON.parse(text) as { StartAt: string; States: Record<string, Record<string, unknown>>; TimeoutSeconds?: number };
  };

  it('builds a job in a Lambda task of its own state machine, and records a build that never reported back as failed', () => {
    const definition = definitionOf();
    expect(definition.StartAt).toBe('Build');
    expect(definition.TimeoutSeconds).toBe(900);
    expect(definition.States['Build']).toMatchObject({
      Parameters: { 'jobId.$': '$.jobId' },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }],
      End: true,
    });
    expect(definition.States['RecordFailure']).toMatchObject({ Parameters: { 'jobId.$': '$.jobId', 'failure.$': '$.error' }, Next: 'Failed' });
  });

  it('lets only the admin reports handler start builds, and logs and traces every execution', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'states:StartExecution', Resource: { Ref: Match.stringLikeRegexp('^ReportBuildsStateMachine') } }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^HandlersadminReportsServiceRole') }],
    });
    const [, machine] = ofType('AWS::StepFunctions::StateMachine').find(([id]) => id.startsWith('ReportBuilds')) ?? [];
    expect(machine?.Properties).toMatchObject({ LoggingConfiguration: expect.objectContaining({ Level: 'ALL' }), TracingConfiguration: { Enabled: true } });
  });

  it('gives the rendering memory and time to the build function, not to the API handler', () => {
    const fnOf = (prefix: string) => ofType('AWS::Lambda::Function').find(([id]) => id.startsWith(prefix))?.[1].Properties ?? {};
    expect(fnOf('BackgroundbuildReport')).toMatchObject({ MemorySize: 1536, Timeout: 600 });
    expect(Number(fnOf('HandlersadminReports')['Timeout'])).toBeLessThanOrEqual(29);
  });
});

describe('alarms', () => {
  it('notifies a KMS-encrypted topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    for (const [id, alarm] of ofType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties['AlarmActions'], id).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
    }
  });

  it('alarms on API 5xx, function errors and throttles, failed runs and dead letters', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError', Namespace: 'AWS/ApiGateway' });
    const metricNames = ofType('AWS::CloudWatch::Alarm').flatMap(([, alarm]) =>
      ((alarm.Properties['Metrics'] as { MetricStat?: { Metric: { MetricName: string } } }[] | undefined) ?? []).map(
        (metric) => metric.MetricStat?.Metric.MetricName,
      ),
    );
    for (const name of ['Errors', 'Throttles', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      expect(metricNames).toContain(name);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible' });
  });

  it('watches every handler, nightly step and background task for errors', () => {
    const watched = new Set(
      ofType('AWS::CloudWatch::Alarm').flatMap(([, alarm]) =>
        ((alarm.Properties['Metrics'] as { MetricStat?: { Metric: { MetricName: string; Dimensions?: { Value: { Ref: string } }[] } } }[] | undefined) ?? [])
          .filter((metric) => metric.MetricStat?.Metric.MetricName === 'Errors')
          .map((metric) => metric.MetricStat?.Metric.Dimensions?.[0]?.Value.Ref),
      ),
    );
    expect(watched.size).toBe(Object.keys(HANDLERS).length + Object.keys(NIGHTLY_STEPS).length + Object.keys(BACKGROUND_TASKS).length);
  });
});

describe('dashboards distribution', () => {
  it('serves dashboards/* over HTTPS through origin access control, signed URLs only', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        Logging: Match.objectLike({ Bucket: Match.anyValue(), Prefix: 'cloudfront/' }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: 'dashboards/*',
            ViewerProtocolPolicy: 'https-only',
            TrustedKeyGroups: [Match.anyValue()],
            ResponseHeadersPolicyId: Match.anyValue(),
          }),
        ],
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'https-only',
          TrustedKeyGroups: [Match.anyValue()],
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      }),
    });
  });

  it('denies CloudFront every object outside dashboards/', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            NotResource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/dashboards/*'])] }),
          }),
        ]),
      },
    });
  });

  it('trusts the public key generated by the signing key pair custom resource', () => {
    template.hasResourceProperties('AWS::CloudFront::PublicKey', {
      PublicKeyConfig: Match.objectLike({ EncodedKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('SigningKeyPair'), 'PublicKeyPem'] } }),
    });
    template.hasResourceProperties('Custom::CloudFrontSigningKeyPair', { SecretArn: { Ref: Match.stringLikeRegexp('PrivateKey') } });
  });
});

describe('gateway responses', () => {
  it("answer API Gateway's own refusals (401, 403, 413, 429, 404) in the API's JSON error shape", () => {
    // Assess
    for (const response of Object.values(GATEWAY_RESPONSES)) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: response.type,
        StatusCode: String(response.status),
        ResponseTemplates: { 'application/json': JSON.stringify(response.body) },
      });
    }
  });
});
