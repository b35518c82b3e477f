import type { InstrumentDefinition } from './instrument-definition';

// Every user-facing message of the instrument library and scoring, in one place so wording stays consistent.

const formatValue = (value: number, decimals: number): string => value.toFixed(decimals);

/** "integers 1–5" or "0.0–10.0 in steps of 0.1". */
export const allowedValues = (def: InstrumentDefinition): string => {
  const { min, max, decimals } = def.answers;
  if (decimals === 0) return `integers ${min}–${max}`;
  return `${formatValue(min, decimals)}–${formatValue(max, decimals)} in steps of ${formatValue(10 ** -decimals, decimals)}`;
};

const missingAllowance = (def: InstrumentDefinition): string =>
  def.missing.maxMissing === 0 || def.missing.handling === 'invalid'
    ? 'no missing answers allowed'
    : `or null (missing, at most ${def.missing.maxMissing})`;

export const Messages = {
  unknownInstrument: (id: string, known: readonly string[]): string =>
    `unknown instrument '${id}'; known instruments: ${known.join(', ')}`,
  unlicensedInstrument: (id: string): string =>
    `instrument '${id}' needs a licence that this deployment has not recorded (add it to LICENSED_INSTRUMENTS once the licence is held)`,
  notANumber: (def: InstrumentDefinition, item: number, value: unknown): string =>
    `item ${item + 1} of ${def.id}: ${describe(value)} is not a number; allowed: ${allowedValues(def)} (${missingAllowance(def)})`,
  outOfScale: (def: InstrumentDefinition, item: number, value: number): string =>
    `item ${item + 1} of ${def.id}: ${value} is not allowed; allowed: ${allowedValues(def)}`,
  missingNotAllowed: (def: InstrumentDefinition, item: number): string =>
    `item ${item + 1} of ${def.id} is missing; ${def.id} needs every item answered (allowed: ${allowedValues(def)})`,
  tooManyMissing: (def: InstrumentDefinition, item: number, missing: number): string =>
    `item ${item + 1} of ${def.id} is missing: ${missing} answers are missing, at most ${def.missing.maxMissing} may be (allowed: ${allowedValues(def)})`,
  tooFewItems: (def: InstrumentDefinition, given: number): string =>
    def.minItems === def.items.length
      ? `${def.id} needs ${def.items.length} answers, got ${given}`
      : `${def.id} needs ${def.minItems} to ${def.items.length} answers, got ${given}`,
  tooManyItems: (def: InstrumentDefinition, item: number): string =>
    `item ${item + 1} is beyond the ${def.items.length} items of ${def.id}: ${def.minItems === def.items.length ? `it takes ${def.items.length} answers` : `it takes ${def.minItems} to ${def.items.length} answers`}, each ${allowedValues(def)}`,
  notAList: (def: InstrumentDefinition): string => `the answers of ${def.id} must be a list of ${def.items.length} values`,
} as const;

const describe = (value: unknown): string => {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
};
