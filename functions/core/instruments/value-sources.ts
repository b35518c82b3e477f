import type { InstrumentDefinition, Source, SourceStatus } from './instrument-definition';

/** The source of one value of a definition, named as a reader would ask for it (`cut-off`, `band 'mild'`). */
export interface ValueSource extends Source {
  value: string;
}

const STRENGTH: Readonly<Record<SourceStatus, number>> = { unverified: 0, secondary: 1, verified: 2 };

/** The least checked of some statuses (`unverified` before `secondary` before `verified`); null for none. */
export const weakestStatus = (sources: readonly Source[]): SourceStatus | null =>
  sources.reduce<SourceStatus | null>(
    (weakest, { status }) => (weakest === null || STRENGTH[status] < STRENGTH[weakest] ? status : weakest),
    null,
  );

/**
 * Every sourced value of a definition with its citation and status, in reading order.
 * @example valueSources(getInstrument('core10')).find((s) => s.value === 'reliable change')?.status === 'verified'
 */
export const valueSources = (def: InstrumentDefinition): ValueSource[] => [
  { value: def.scoring.method === 'table' ? 'conversion table' : 'scoring', ...def.scoring.source },
  ...(def.cutOff ? [{ value: 'cut-off', ...def.cutOff.source }] : []),
  ...def.bands.map((band) => ({ value: `band '${band.label}'`, ...band.source })),
  { value: 'reliable change', ...def.reliableChange.source },
  { value: 'missing items', ...def.missing.source },
  ...def.riskItems.map((risk) => ({ value: `risk item ${risk.item}`, ...risk.source })),
  { value: 'licence', ...def.licence.source },
  ...def.provenance.map(({ field, citation, status }) => ({ value: field, citation, status })),
];
