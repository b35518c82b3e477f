import { Command, CommanderError } from 'commander';

/**
 * The `outcomes` command line: every subcommand registers itself on the program.
 * Returns the process exit code (0 ok, 1 failure, 2 bad usage or bad input).
 */
export const main = async (argv: readonly string[]): Promise<number> => {
  const program = new Command('outcomes')
    .description('Resilience Outcomes: ingest, score, aggregate and report group therapy outcomes')
    .exitOverride()
    .showHelpAfterError();
  const commands = await loadCommands();
  for (const register of commands) register(program);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
};

type Register = (program: Command) => void;

// Loaded lazily so `outcomes score` does not pay for the local stack's servers and vice versa.
const loadCommands = async (): Promise<Register[]> => [
  (await import('./commands/demo')).registerDemo,
  (await import('./commands/score')).registerScore,
  (await import('./commands/instruments')).registerInstruments,
  (await import('./commands/nightly')).registerNightly,
  (await import('./commands/report')).registerReport,
  (await import('./commands/keys')).registerKeys,
  (await import('./commands/audit')).registerAudit,
];
