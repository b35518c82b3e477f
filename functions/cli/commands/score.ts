import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { Env } from '../../../infra/api-routes';
import { checkAnswers, getInstrument } from '../../core/instruments';
import { scoreAdministration } from '../../core/scoring';

const MISSING = new Set(['-', 'na', 'NA', 'n/a', 'N/A']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

// A command-line answer: a number, null for a missing item, or the text itself so the checker can name it.
const parseAnswer = (text: string): number | string | null => {
  const trimmed = text.trim();
  if (MISSING.has(trimmed)) return null;
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
};

/** The instrument ids whose licence the operator recorded in `LICENSED_INSTRUMENTS` (comma-separated). */
export const licensedFromEnv = (env: NodeJS.ProcessEnv = process.env): string[] =>
  (env[Env.licensedInstruments] ?? '').split(',').map((id) => id.trim()).filter((id) => id.length > 0);

// Bad input: one line on stderr, exit code 2 through main()'s CommanderError handling.
const fail = (message: string): never => {
  process.stderr.write(`outcomes score: ${message}\n`);
  throw new CommanderError(2, 'outcomes.invalidInput', message);
};

/** `outcomes score <instrument> <answer...>`: scores one administration and prints one JSON object. */
export const registerScore = (program: Command): void => {
  program
    .command('score')
    .description('Score one administration of an instrument and print it as JSON')
    .argument('<instrument>', 'instrument id, e.g. phq9 (see `outcomes instruments`)')
    .argument('<answers...>', 'item answers in form order; - or NA marks a missing item where the instrument allows it')
    .action((instrument: string, answers: string[]) => {
      let def;
      try {
        def = getInstrument(instrument, { licensed: licensedFromEnv() });
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
      }
      const parsed = answers.map(parseAnswer);
      const [problem] = checkAnswers(def, parsed);
      if (problem !== undefined) return fail(problem.message);
      const scored = scoreAdministration(def, parsed as (number | null)[]);
      process.stdout.write(`${JSON.stringify(scored)}\n`);
    });
};
