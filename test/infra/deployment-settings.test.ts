import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readDeploymentSettings } from '../../infra/deployment-settings';

describe('deployment settings', () => {
  it('defaults to a 02:00 Europe/London run, k = 8, rounding to 5 and bundling on', () => {
    // Act
    const settings = readDeploymentSettings(new App());

    // Assess
    expect(settings).toEqual({
      bundling: true,
      nightlyCron: 'cron(0 2 * * ? *)',
      timeZone: 'Europe/London',
      suppressionK: '8',
      funderRounding: '5',
      licensedInstruments: '',
      dashboardKeyGeneration: '1',
    });
  });

  it('reads overrides given as `-c name=value` strings', () => {
    // Prepare
    const app = new App({
      context: { bundling: 'false', nightlyCron: 'cron(30 3 * * ? *)', timeZone: 'Europe/Dublin', suppressionK: 10 },
    });

    // Act
    const settings = readDeploymentSettings(app);

    // Assess
    expect(settings).toMatchObject({ bundling: false, nightlyCron: 'cron(30 3 * * ? *)', timeZone: 'Europe/Dublin', suppressionK: '10' });
  });

  it('accepts a boolean false for bundling from cdk.json', () => {
    expect(readDeploymentSettings(new App({ context: { bundling: false } })).bundling).toBe(false);
  });
});
