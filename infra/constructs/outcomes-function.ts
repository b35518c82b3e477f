import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundlingOptions, ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Repository root: entries in `infra/api-routes.ts` are relative to it. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** Where the bundled font is copied inside a rendering bundle, mirroring the repository path (Lambda's cwd is the bundle root). */
export const BUNDLED_FONT_DIR = 'reports/assets/fonts';

/** Environment variable telling rendering code where the bundled fonts are in Lambda. */
export const FONT_DIR_ENV = 'REPORTS_FONT_DIR';

/** Where the dashboards' inlined browser scripts (vega, vega-lite, vega-embed, the dashboard app) go in the bundle. */
export const BUNDLED_DASHBOARD_ASSET_DIR = 'reports/assets/dashboard';

/** Environment variable telling dashboard building where those scripts are in Lambda. */
export const DASHBOARD_ASSET_DIR_ENV = 'DASHBOARD_ASSET_DIR';

/** Service name every function logs and traces under. */
export const SERVICE_NAME = 'resilience-outcomes';

const RESVG = '@resvg/resvg-js';
const RESVG_ARM64 = '@resvg/resvg-js-linux-arm64-gnu';

/** Properties of one outcomes function; everything else is a project-wide default. */
export interface OutcomesFunctionProps {
  /** Handler module path from the repository root; it exports `handler`. */
  entry: string;
  /** False replaces the bundle with a placeholder that refuses to run (tests, early synthesis). */
  bundling: boolean;
  /** Key that encrypts the function's log group. */
  logKey: IKey;
  environment?: Record<string, string>;
  memoryMb?: number;
  timeoutSeconds?: number;
  /** True for functions that render charts: the native SVG rasteriser and the bundled font travel with the bundle. */
  renders?: boolean;
}

/**
 * A Lambda function with every project default: Node 22 on arm64, an ESM esbuild bundle that can still load
 * CommonJS dependencies, active tracing, JSON logs to its own encrypted log group with a retention period.
 */
export class OutcomesFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: OutcomesFunctionProps) {
    const entry = resolve(PROJECT_ROOT, props.entry);
    if (props.bundling && !existsSync(entry)) {
      throw new MissingHandlerError(props.entry);
    }
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      entry: props.bundling ? entry : undefined,
      // Without bundling the entry may not exist; a placeholder keeps the template's shape for tests.
      ...(props.bundling ? {} : { code: Code.fromInline(PLACEHOLDER_CODE), handler: 'index.handler' }),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      // API Gateway gives up after 29 s; nightly steps state their own timeouts.
      timeout: Duration.seconds(props.timeoutSeconds ?? 29),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...(props.renders ? { [FONT_DIR_ENV]: `/var/task/${BUNDLED_FONT_DIR}`, [DASHBOARD_ASSET_DIR_ENV]: `/var/task/${BUNDLED_DASHBOARD_ASSET_DIR}` } : {}),
        ...props.environment,
      },
      bundling: bundlingOptions(props.renders ?? false),
    });
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS policy only lets the function write its own logs; the log group itself is created and encrypted here.',
      },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray tracing (PutTraceSegments, PutTelemetryRecords) supports no resource scoping.' },
      { id: 'AwsSolutions-L1', reason: 'Node.js 22 is the runtime the project pins and tests against (issue 2); upgrades are deliberate.' },
    );
    if (props.bundling && props.renders && !existsSync(resolve(PROJECT_ROOT, 'node_modules', RESVG_ARM64))) {
      Annotations.of(this).addWarningV2(
        'outcomes:resvgArm64Missing',
        `${RESVG_ARM64} is not installed: PNG rendering will fail in Lambda. ` +
          `Install it with: npm install --no-save --os=linux --cpu=arm64 --libc=glibc ${RESVG_ARM64}`,
      );
    }
  }
}

/** A handler module named in `infra/api-routes.ts` is missing while bundling is on. */
export class MissingHandlerError extends Error {
  constructor(entry: string, options?: { cause?: unknown }) {
    super(`Handler ${entry} does not exist yet; synthesise with -c bundling=false to skip bundling.`, options);
    this.name = 'MissingHandlerError';
  }
}

const PLACEHOLDER_CODE =
  "exports.handler = async () => { throw new Error('Synthesised with -c bundling=false; deploy with bundling.'); };";

// vega is ESM-only with top-level await, so every bundle is ESM; the banner gives CommonJS dependencies `require`.
const ESM_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

function bundlingOptions(renders: boolean): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    mainFields: ['module', 'main'],
    banner: ESM_BANNER,
    target: 'node22',
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: false,
    // The SDK version the tests ran against ships in the bundle instead of the runtime's copy.
    bundleAwsSDK: true,
    // vega-canvas tries `import('canvas')` and falls back when it is absent; resvg is a native module.
    externalModules: renders ? ['canvas', RESVG] : ['canvas'],
    forceDockerBundling: false,
    commandHooks: renders ? RENDER_ASSETS : undefined,
  };
}

/**
 * Copies the font, the dashboards' browser scripts, and the native rasteriser (its loader and, when
 * installed, its arm64 binary) into the bundle.
 */
const RENDER_ASSETS: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    `mkdir -p "${outputDir}/${BUNDLED_FONT_DIR}" "${outputDir}/node_modules/@resvg"`,
    `cp "${inputDir}/${BUNDLED_FONT_DIR}"/*.ttf "${outputDir}/${BUNDLED_FONT_DIR}/"`,
    `mkdir -p "${outputDir}/${BUNDLED_DASHBOARD_ASSET_DIR}"`,
    `cp "${inputDir}/node_modules/vega/build/vega.min.js" "${inputDir}/node_modules/vega-lite/build/vega-lite.min.js" "${inputDir}/node_modules/vega-embed/build/vega-embed.min.js" "${inputDir}/reports/assets/dashboard-app.js" "${outputDir}/${BUNDLED_DASHBOARD_ASSET_DIR}/"`,
    `cp -R "${inputDir}/node_modules/${RESVG}" "${outputDir}/node_modules/@resvg/"`,
    `if [ -d "${inputDir}/node_modules/${RESVG_ARM64}" ]; then cp -R "${inputDir}/node_modules/${RESVG_ARM64}" "${outputDir}/node_modules/@resvg/"; fi`,
  ],
};
