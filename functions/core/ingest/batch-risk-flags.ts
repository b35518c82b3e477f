import type { ResponseRecord } from '../../../schemas/api/responses';
import type { RecordRiskFlag } from '../../../schemas/api/risk-flags';
import type { InstrumentDefinition } from '../instruments/instrument-definition';
import { riskFlags } from '../scoring/risk-flags';

/**
 * The risk flags of a checked batch of responses, each naming its record by index (never by participant reference),
 * so the clinic can find the person in its own system.
 */
export const batchRiskFlags = (
  responses: readonly ResponseRecord[],
  definitionOf: (instrument: string) => InstrumentDefinition,
): RecordRiskFlag[] =>
  responses.flatMap((record, index) =>
    riskFlags(definitionOf(record.instrument), record.items as (number | null)[]).map((flag) => ({
      index, groupId: record.groupId, session: record.session, instrument: record.instrument, ...flag,
    })));

/** Counts stored responses that raised a risk flag, in total and per instrument. */
export const countRiskFlagged = (
  responses: readonly { instrument: string; flags: readonly string[] }[],
  riskFlag: string,
): { flaggedResponses: number; byInstrument: Record<string, number> } => {
  const byInstrument: Record<string, number> = {};
  let flaggedResponses = 0;
  for (const response of responses) {
    if (!response.flags.includes(riskFlag)) continue;
    flaggedResponses += 1;
    byInstrument[response.instrument] = (byInstrument[response.instrument] ?? 0) + 1;
  }
  return { flaggedResponses, byInstrument };
};
