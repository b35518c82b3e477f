import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  CfnPublicKey,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  KeyGroup,
  PriceClass,
  PublicKey,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SigningKeyPair } from './signing-key-pair';

/** Key prefix of the published dashboards; the only prefix the distribution serves. */
export const DASHBOARDS_PREFIX = 'dashboards/';

/** Properties of the dashboard distribution. */
export interface DashboardDistributionProps {
  reportsBucket: IBucket;
  logBucket: IBucket;
  key: IKey;
  bundling: boolean;
  /** Generation of the URL-signing key pair; a new value rotates it. */
  keyGeneration: string;
}

/**
 * CloudFront in front of `dashboards/` of the reports bucket: origin access control, HTTPS only, security headers,
 * access logs, and signed URLs only (trusted key group) so a dashboard opens only through a link the API issued.
 */
export class DashboardDistribution extends Construct {
  readonly distribution: Distribution;
  readonly keyPair: SigningKeyPair;
  /** Id of the CloudFront public key (the `Key-Pair-Id` of a signed URL). */
  readonly keyPairId: string;

  constructor(scope: Construct, id: string, props: DashboardDistributionProps) {
    super(scope, id);
    this.keyPair = new SigningKeyPair(this, 'SigningKeyPair', {
      key: props.key,
      bundling: props.bundling,
      generation: props.keyGeneration,
    });
    // A new generation gets a new public key resource: CloudFront cannot change a public key in place.
    const publicKey = new CfnPublicKey(this, `PublicKey${props.keyGeneration}`, {
      publicKeyConfig: {
        callerReference: `${Stack.of(this).stackName}-dashboards-${props.keyGeneration}`,
        name: `${Stack.of(this).stackName}-dashboards-${props.keyGeneration}`,
        encodedKey: this.keyPair.publicKeyPem,
        comment: 'Verifies signed dashboard URLs issued by GET /v1/reports',
      },
    });
    this.keyPairId = publicKey.attrId;
    const keyGroup = new KeyGroup(this, 'KeyGroup', {
      items: [PublicKey.fromPublicKeyId(this, 'TrustedKey', publicKey.attrId)],
      comment: 'Keys that may sign dashboard URLs',
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Security headers of the outcomes dashboards',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Signed URLs carry their signature in the query string: never send it on as a referrer.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });
    const notFound = new CloudFrontFunction(this, 'NotFound', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Answers 404 to every path outside dashboards/ without touching the bucket',
      code: FunctionCode.fromInline("function handler() { return { statusCode: 404, statusDescription: 'Not Found' }; }"),
    });
    const origin = S3BucketOrigin.withOriginAccessControl(props.reportsBucket);
    const signedOnly = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      trustedKeyGroups: [keyGroup],
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Resilience Outcomes programme dashboards',
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        ...signedOnly,
        functionAssociations: [{ function: notFound, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: { [`${DASHBOARDS_PREFIX}*`]: signedOnly },
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    // Defence in depth: even through this distribution, CloudFront may read nothing outside dashboards/.
    props.reportsBucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        notResources: [props.reportsBucket.arnForObjects(`${DASHBOARDS_PREFIX}*`)],
      }),
    );

    Validations.of(Stack.of(this)).acknowledge({
      id: '@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
      reason: 'The key policy admits only this account’s distributions; naming the one id would make key, bucket and distribution circular.',
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Dashboards are for the organisation’s own managers; access is gated by signed URLs, not geography.' },
      { id: 'AwsSolutions-CFR2', reason: 'Only signed URLs reach the origin; a WAF web ACL would add a fixed monthly cost a small charity cannot justify.' },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The default *.cloudfront.net certificate cannot pin TLS 1.2; add a custom domain and certificate to raise the minimum protocol.',
      },
    );
  }
}
