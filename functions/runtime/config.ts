import { Env } from '../../infra/api-routes';

/** Thrown at cold start when a required environment variable is missing. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Reads a required environment variable, failing fast with a clear message. */
export const required = (name: string, env: NodeJS.ProcessEnv = process.env): string => {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigurationError(`Environment variable ${name} is not set`);
  return value;
};

const positiveInteger = (name: string, fallback: number, env: NodeJS.ProcessEnv): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigurationError(`Environment variable ${name} must be a positive integer, got "${raw}"`);
  return value;
};

/** Deployment settings shared by the handlers (all configurable per deployment). */
export interface Settings {
  tableName: string;
  suppressionK: number;
  funderRounding: number;
  licensedInstruments: readonly string[];
  timeZone: string;
}

/** Reads the settings every handler needs; call once at module scope. */
export const readSettings = (env: NodeJS.ProcessEnv = process.env): Settings => ({
  tableName: required(Env.tableName, env),
  suppressionK: positiveInteger(Env.suppressionK, 8, env),
  funderRounding: positiveInteger(Env.funderRounding, 5, env),
  licensedInstruments: (env[Env.licensedInstruments] ?? '').split(',').map((id) => id.trim()).filter((id) => id !== ''),
  timeZone: env[Env.timeZone] || 'Europe/London',
});

/** Days a record is kept after the date it describes (`RETENTION_DAYS`, default 8 years); fails fast when not a positive integer. */
export const readRetentionDays = (env: NodeJS.ProcessEnv = process.env): number => positiveInteger('RETENTION_DAYS', 8 * 366, env);
