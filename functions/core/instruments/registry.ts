import brs from '../../../schemas/instruments/brs.json';
import cdRisc10 from '../../../schemas/instruments/cd-risc-10.json';
import core10 from '../../../schemas/instruments/core10.json';
import gad7 from '../../../schemas/instruments/gad7.json';
import gbo from '../../../schemas/instruments/gbo.json';
import gsrs from '../../../schemas/instruments/gsrs.json';
import k10 from '../../../schemas/instruments/k10.json';
import ors from '../../../schemas/instruments/ors.json';
import phq9 from '../../../schemas/instruments/phq9.json';
import swemwbs from '../../../schemas/instruments/swemwbs.json';
import wemwbs from '../../../schemas/instruments/wemwbs.json';
import { UnknownInstrumentError, UnlicensedInstrumentError } from './errors';
import type { InstrumentDefinition } from './instrument-definition';

// Static JSON imports so esbuild bundles the definitions into each Lambda: no file system at run time.
// The files are project data, checked against the schema by test/core/instruments/instrument-files.test.ts.
const DEFINITIONS: readonly InstrumentDefinition[] = [
  swemwbs, wemwbs, brs, phq9, gad7, core10, k10, ors, gsrs, gbo, cdRisc10,
] as readonly unknown[] as readonly InstrumentDefinition[];

const BY_ID: ReadonlyMap<string, InstrumentDefinition> = new Map(DEFINITIONS.map((def) => [def.id, def]));
const IDS: readonly string[] = DEFINITIONS.map((def) => def.id);

/** Tells whether a definition may be used without a recorded licence. */
export const isEnabled = (def: InstrumentDefinition, licensed: readonly string[] = []): boolean =>
  !def.licence.requiresRecordedLicence || licensed.includes(def.id);

/**
 * The definition of an instrument, refusing licence-gated instruments unless `licensed` lists them.
 * @example getInstrument('cd-risc-10', { licensed: ['cd-risc-10'] })
 */
export const getInstrument = (id: string, options: { licensed?: readonly string[] } = {}): InstrumentDefinition => {
  const def = BY_ID.get(id);
  if (def === undefined) throw new UnknownInstrumentError(id, IDS);
  if (!isEnabled(def, options.licensed)) throw new UnlicensedInstrumentError(id);
  return def;
};

/**
 * The definition of an instrument whatever its licence: for data already accepted under a licence
 * (recomputing statistics must not fail because a licence lapsed later).
 */
export const findInstrument = (id: string): InstrumentDefinition => {
  const def = BY_ID.get(id);
  if (def === undefined) throw new UnknownInstrumentError(id, IDS);
  return def;
};

/**
 * Every shipped instrument in display order; licence-gated ones only with `includeDisabled` or when `licensed` lists them.
 */
export const listInstruments = (
  options: { includeDisabled?: boolean; licensed?: readonly string[] } = {},
): readonly InstrumentDefinition[] =>
  options.includeDisabled === true ? DEFINITIONS : DEFINITIONS.filter((def) => isEnabled(def, options.licensed));
