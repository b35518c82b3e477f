import { InvalidArgumentError, type Command } from 'commander';

/** `outcomes demo`: the local stack with demo data, until Ctrl-C (what `npm start` runs). */
export const registerDemo = (program: Command): void => {
  program
    .command('demo')
    .description('Run the whole pipeline locally: embedded DynamoDB and S3, the HTTP API, demo data')
    .option('--port <port>', 'API port', parsePort, 8787)
    .option('--data-dir <dir>', 'where the embedded servers keep their data', '.outcomes')
    .option('--no-seed', 'do not seed the synthetic dataset')
    .action(async (options: { port: number; dataDir: string; seed: boolean }) => {
      const { startLocalStack } = await import('../../../infra/local/local-stack');
      const say = (line: string) => process.stdout.write(`${line}\n`);
      const stack = await startLocalStack({
        port: options.port, dataDir: options.dataDir, seed: options.seed, log: say,
        // A nightly pass right away, so the demo shows figures, dashboards and funder reports at once; on a
        // restart only when data changed since the last successful run (otherwise its outputs are in place).
        afterSeed: async () => {
          const { nightlyContext } = await import('../../nightly/lambda-context');
          const { getWatermark } = await import('../../store/run-store');
          const { listChangedGroups } = await import('../../store/group-store');
          const watermark = await getWatermark(nightlyContext.db);
          if (watermark !== undefined && (await listChangedGroups(nightlyContext.db, watermark, new Date(Date.now() + 1000).toISOString())).length === 0) {
            say('Figures and reports of the last nightly run are in place (`npx outcomes nightly` runs another).');
            return;
          }
          const { runLocally } = await import('../../nightly/run-locally');
          say('Running the nightly aggregation (recompute, roll-up, disclosure control, reports)...');
          const started = Date.now();
          const { RunInProgressError } = await import('../../store/run-lease');
          // A run killed with an earlier start was ended when the stack came up; a live run cannot exist here,
          // but the demo must never stop over one: it says so and serves the last outputs.
          const result = await runLocally({ trigger: 'demo' }).catch((error: unknown) => {
            if (!(error instanceof RunInProgressError)) throw error;
            say(`Run ${error.holder} holds the nightly lease; not running another now (\`npx outcomes nightly\` starts one once it has ended).`);
            return undefined;
          });
          if (result === undefined) return;
          say(`Nightly run ${result.runId}: ${result.rollUp.cellsPublished} figures published, ${result.rollUp.cellsSuppressed} suppressed, ${result.reports} dashboards and reports (${Math.round((Date.now() - started) / 1000)} s)`);
        },
      });
      const { info } = stack;
      say('');
      say(`Resilience Outcomes local stack is running.`);
      say(`  API            ${info.apiUrl}   (try ${info.apiUrl}/health)`);
      say(`  DynamoDB       ${info.dynamodbEndpoint}   table "${info.tableName}"`);
      say(`  S3             ${info.s3Endpoint}   bucket "${info.reportsBucket}"`);
      say(`  Credentials    ${info.credentials.accessKeyId} / ${info.credentials.secretAccessKey}   region ${info.region}`);
      say(`  Details        ${options.dataDir}/local-stack.json`);
      say('');
      say('Demo API keys (send as "Authorization: Bearer <key>"):');
      for (const [role, key] of Object.entries(info.keys)) say(`  ${role.padEnd(8)} ${key}`);
      say('');
      say(`Sign in with a browser: ${info.apiUrl}/signin  (paste the manager or funder key above once; the session lasts 8 hours)`);
      say('');
      const reports = await stack.api.get<{ items: { title: string; links: Record<string, string> }[] }>('/v1/reports', info.keys.admin);
      say('Dashboards and reports (links valid 15 minutes; `curl -H "Authorization: Bearer <manager or funder key>" ' + info.apiUrl + '/v1/reports` for fresh ones):');
      for (const item of reports.items.slice(0, 12)) say(`  ${item.title}: ${Object.values(item.links)[0] ?? ''}`);
      if (reports.items.length > 12) say(`  ... and ${reports.items.length - 12} more`);
      say('');
      say('Press Ctrl-C to stop. Data stays in the data directory for the next start.');
      await new Promise<void>((resolveStop) => {
        const shutdown = () => {
          say('\nStopping...');
          void stack.stop().then(resolveStop);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
    });
};

const parsePort = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`must be a number from 0 to 65535, got "${value}"`);
  return port;
};
