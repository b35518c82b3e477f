import { App, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { readDeploymentSettings } from './deployment-settings';
import { OutcomesStack } from './outcomes-stack';

/** Name of the deployed CloudFormation stack. */
export const STACK_NAME = 'ResilienceOutcomes';

/** The CDK app: the outcomes stack, checked by the cdk-nag AwsSolutions and HIPAA Security packs at synthesis. */
export function createOutcomesApp(props?: AppProps): { app: App; stack: OutcomesStack } {
  const app = new App(props);
  const stack = new OutcomesStack(app, STACK_NAME, { settings: readDeploymentSettings(app) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { app, stack };
}
