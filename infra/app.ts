import { createOutcomesApp } from './outcomes-app';

// `npx cdk synth` bundles every handler with esbuild; `-c bundling=false` skips that (tests, missing handlers).
// Settings (`-c nightlyCron=…`, `-c timeZone=…`, …) are listed in infra/deployment-settings.ts.
createOutcomesApp();
