import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { HandlerSpec } from '../api-routes';
import { grantAccess } from './function-access';
import type { AccessTargets } from './function-access';
import type { OperationsAlarms } from './operations-alarms';
import { OutcomesFunction } from './outcomes-function';

/** Handlers that render charts (vega → SVG → PNG) and so need the font and the native rasteriser in their bundle. */
export const RENDERING_HANDLERS: ReadonlySet<string> = new Set(['buildReport', 'renderReports']);

/** Properties shared by every function of a catalogue. */
export interface HandlerFunctionsProps<Name extends string> {
  specs: Record<Name, HandlerSpec>;
  bundling: boolean;
  key: IKey;
  /** Configuration every handler receives (table, bucket, disclosure settings, time zone). */
  environment: Record<string, string>;
  targets: AccessTargets;
  alarms: OperationsAlarms;
}

/** One `OutcomesFunction` per entry of a handler catalogue, granted its declared access and watched by alarms. */
export class HandlerFunctions<Name extends string> extends Construct {
  readonly byName: Record<Name, OutcomesFunction>;

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps<Name>) {
    super(scope, id);
    const entries = (Object.entries(props.specs) as [Name, HandlerSpec][]).map(([name, spec]): [Name, OutcomesFunction] => {
      const fn = new OutcomesFunction(this, name, {
        entry: spec.entry,
        bundling: props.bundling,
        logKey: props.key,
        environment: props.environment,
        memoryMb: spec.memoryMb,
        timeoutSeconds: spec.timeoutSeconds,
        renders: RENDERING_HANDLERS.has(name),
      });
      grantAccess(fn, spec.access, props.targets);
      return [name, fn];
    });
    this.byName = Object.fromEntries(entries) as Record<Name, OutcomesFunction>;
    props.alarms.watchFunctions(id, this.byName);
  }
}
