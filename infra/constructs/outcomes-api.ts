import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  RequestValidator,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES } from '../api-routes';
import { GATEWAY_RESPONSES } from '../gateway-responses';
import type { HandlerName } from '../api-routes';

/** Steady-state requests per second the stage accepts before throttling (429). */
export const API_RATE_LIMIT = 50;
/** Burst of requests the stage accepts above the steady rate. */
export const API_BURST_LIMIT = 100;
/** How long an authorizer decision is cached per Authorization header. */
export const AUTHORIZER_CACHE_TTL = Duration.seconds(300);

/** Properties of the API. */
export interface OutcomesApiProps {
  functions: Record<HandlerName, IFunction>;
  key: IKey;
}

/**
 * The REST API: one Lambda proxy method per route of `ROUTES`, a cached Lambda REQUEST authorizer on every route
 * except the public health and OpenAPI routes, stage throttling, JSON access logs and tracing.
 *
 * Body size: API Gateway's own 10 MB payload limit cannot be lowered; the handlers reject bodies over 1 MB.
 */
export class OutcomesApi extends Construct {
  readonly api: RestApi;
  readonly authorizer: RequestAuthorizer;

  constructor(scope: Construct, id: string, props: OutcomesApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new RestApi(this, 'Api', {
      description: 'Resilience Outcomes ingestion, administration and reports API',
      endpointTypes: [EndpointType.REGIONAL],
      // Access logging needs the account-level CloudWatch role of API Gateway.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: 'api',
        throttlingRateLimit: API_RATE_LIMIT,
        throttlingBurstLimit: API_BURST_LIMIT,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        // Request and response bodies carry participant references: never log them.
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    // Refusals made by API Gateway itself answer in the API's own JSON error shape.
    for (const [id, response] of Object.entries(GATEWAY_RESPONSES)) {
      this.api.addGatewayResponse(`Gateway-${id}`, {
        type: ResponseType.of(response.type),
        statusCode: String(response.status),
        responseHeaders: { 'Content-Type': "'application/json'" },
        templates: { 'application/json': JSON.stringify(response.body) },
      });
    }
    this.authorizer = new RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: props.functions.authorizer,
      identitySources: [IdentitySource.header('Authorization')],
      resultsCacheTtl: AUTHORIZER_CACHE_TTL,
    });
    // Bodies are validated by the handlers against the JSON Schemas (precise per-field errors); the gateway checks
    // that the required header and path parameters are present.
    const validator = new RequestValidator(this, 'ParameterValidator', {
      restApi: this.api,
      validateRequestParameters: true,
      validateRequestBody: false,
    });

    const integrations = new Map<HandlerName, LambdaIntegration>();
    for (const route of ROUTES) {
      const integration = integrations.get(route.handler) ?? new LambdaIntegration(props.functions[route.handler], { proxy: true });
      integrations.set(route.handler, integration);
      const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => `method.request.path.${match[1]}`);
      const requestParameters = Object.fromEntries([
        ...pathParameters.map((name) => [name, true] as const),
        ...(route.authorized ? [['method.request.header.Authorization', true] as const] : []),
      ]);
      const method = this.api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        ...(route.authorized
          ? { authorizer: this.authorizer, authorizationType: AuthorizationType.CUSTOM }
          : { authorizationType: AuthorizationType.NONE }),
        requestParameters,
        requestValidator: validator,
      });
      if (!route.authorized) {
        Validations.of(method).acknowledge(
          { id: 'AwsSolutions-APIG4', reason: 'Public by design: health check and OpenAPI document carry no data.' },
          { id: 'AwsSolutions-COG4', reason: 'Public by design: health check and OpenAPI document carry no data.' },
        );
      } else {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason: 'Clients are clinic systems with API keys, authorised by the Lambda REQUEST authorizer, not Cognito users.',
        });
      }
    }

    Validations.of(this.api).acknowledge(
      { id: 'AwsSolutions-APIG2', reason: 'The gateway validates required header and path parameters; bodies are validated by the handlers against the JSON Schemas, giving per-field errors.' },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The AWS policy is the documented way to let API Gateway write access and execution logs.',
      },
      { id: 'AwsSolutions-APIG3', reason: 'Stage throttling and the authorizer protect the API; a WAF web ACL adds a fixed monthly cost a small charity cannot justify.' },
      { id: 'HIPAA.Security-APIGWCacheEnabledAndEncrypted', reason: 'Responses are per-caller and must not be cached; a cache cluster would also cost more than the whole stack.' },
      { id: 'HIPAA.Security-APIGWSSLEnabled', reason: 'Integrations are Lambda proxies, not HTTP backends, so there is no backend to present a client certificate to.' },
    );
  }
}
