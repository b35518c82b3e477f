import type { Construct } from 'constructs';

/** Operator-tunable settings of a deployment, read from CDK context (`-c name=value` or cdk.json). */
export interface DeploymentSettings {
  /** False skips esbuild bundling (tests, or synthesis before every handler exists). */
  bundling: boolean;
  /** EventBridge Scheduler expression of the nightly run. */
  nightlyCron: string;
  /** IANA time zone of the nightly schedule and of reporting periods. */
  timeZone: string;
  /** Disclosure-control threshold k. */
  suppressionK: string;
  /** Rounding base of funder counts (1 turns rounding off). */
  funderRounding: string;
  /** Comma-separated instrument ids whose licence the operator has recorded. */
  licensedInstruments: string;
  /** Generation of the dashboard URL-signing key pair; a new value rotates it on the next deploy. */
  dashboardKeyGeneration: string;
}

const DEFAULTS: DeploymentSettings = {
  bundling: true,
  nightlyCron: 'cron(0 2 * * ? *)',
  timeZone: 'Europe/London',
  suppressionK: '8',
  funderRounding: '5',
  licensedInstruments: '',
  dashboardKeyGeneration: '1',
};

/** Reads the deployment settings from the context of `scope`, falling back to the documented defaults. */
export function readDeploymentSettings(scope: Construct): DeploymentSettings {
  const text = (name: keyof DeploymentSettings, fallback: string): string => {
    const value: unknown = scope.node.tryGetContext(name);
    return value === undefined || value === null ? fallback : String(value);
  };
  return {
    // `-c bundling=false` arrives as the string 'false'; cdk.json may hold a boolean.
    bundling: text('bundling', 'true') !== 'false',
    nightlyCron: text('nightlyCron', DEFAULTS.nightlyCron),
    timeZone: text('timeZone', DEFAULTS.timeZone),
    suppressionK: text('suppressionK', DEFAULTS.suppressionK),
    funderRounding: text('funderRounding', DEFAULTS.funderRounding),
    licensedInstruments: text('licensedInstruments', DEFAULTS.licensedInstruments),
    dashboardKeyGeneration: text('dashboardKeyGeneration', DEFAULTS.dashboardKeyGeneration),
  };
}
