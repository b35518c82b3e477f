import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { readDeploymentSettings } from './deployment-settings';
import { OutcomesStack } from './outcomes-stack';

// `npx cdk synth` (add `-c bundling=false` to skip esbuild); settings: see infra/deployment-settings.ts.
const app = new App();
new OutcomesStack(app, 'ResilienceOutcomes', { settings: readDeploymentSettings(app) });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
