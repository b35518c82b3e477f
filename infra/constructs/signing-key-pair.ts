import { CustomResource, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { nagArn } from './nag-findings';
import { OutcomesFunction } from './outcomes-function';

/** Properties of the signing key pair. */
export interface SigningKeyPairProps {
  /** Key that encrypts the private-key secret and the log groups. */
  key: IKey;
  bundling: boolean;
  /** Changing this value generates a new key pair on the next deploy (rotation). */
  generation: string;
}

/**
 * An RSA key pair for CloudFront signed URLs, generated at deploy time by a custom resource: the private key
 * lives only in a Secrets Manager secret, the public key is returned for `AWS::CloudFront::PublicKey`.
 */
export class SigningKeyPair extends Construct {
  readonly privateKeySecret: Secret;
  readonly publicKeyPem: string;

  constructor(scope: Construct, id: string, props: SigningKeyPairProps) {
    super(scope, id);
    this.privateKeySecret = new Secret(this, 'PrivateKey', {
      description: 'PEM private key that signs CloudFront dashboard URLs (written by the SigningKeyPair custom resource).',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const rotation = 'Rotated by bumping the dashboardKeyGeneration context value, which regenerates the pair and the CloudFront public key together.';
    Validations.of(this.privateKeySecret).acknowledge(
      { id: 'AwsSolutions-SMG4', reason: rotation },
      { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason: rotation },
    );

    const generator = new OutcomesFunction(this, 'Generator', {
      entry: 'infra/constructs/signing-key-pair-handler.ts',
      bundling: props.bundling,
      logKey: props.key,
      timeoutSeconds: 60,
    });
    this.privateKeySecret.grantWrite(generator);

    const provider = new Provider(this, 'Provider', {
      onEventHandler: generator,
      logGroup: new LogGroup(this, 'ProviderLogs', {
        retention: RetentionDays.ONE_YEAR,
        encryptionKey: props.key,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
    });
    // The framework's code is plain JavaScript: run it like every other function (Node 22, arm64).
    const framework = provider.node.findChild('framework-onEvent').node.defaultChild as CfnFunction;
    framework.runtime = Runtime.NODEJS_22_X.name;
    framework.architectures = [Architecture.ARM_64.name];
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK’s Provider framework function only writes its own logs with this policy.',
      },
      { id: `AwsSolutions-IAM5[Resource::${nagArn(generator)}:*]`, reason: 'The Provider framework may invoke any version of the generator.' },
      { id: 'AwsSolutions-L1', reason: 'The Provider framework function’s runtime is chosen by aws-cdk-lib.' },
    );
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::CloudFrontSigningKeyPair',
      properties: { SecretArn: this.privateKeySecret.secretArn, Generation: props.generation },
    });
    this.publicKeyPem = resource.getAttString('PublicKeyPem');
  }
}
