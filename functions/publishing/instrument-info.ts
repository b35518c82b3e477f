import type { InstrumentDefinition } from '../core/instruments';
import { clinicalRangeWording } from '../core/instruments';
import { reliableChangeThreshold, reliableChangeWording } from '../core/outcomes';
import type { InstrumentInfo, ReferenceLine } from '../../reports/report-context';

/**
 * Population reference values drawn on score charts. SWEMWBS: Health Survey for England (n = 27,169),
 * mean metric score 23.7 for men and 23.2 for women; the line shows their midpoint (DOMAIN.md).
 */
const POPULATION_NORMS: Readonly<Record<string, ReferenceLine>> = {
  swemwbs: { value: 23.5, label: 'Population norm ≈ 23.5 (HSE)', scale: 'score' },
};

/** What the reports show about an instrument, taken from its definition. */
export const instrumentInfo = (def: InstrumentDefinition): InstrumentInfo => {
  const threshold = reliableChangeThreshold(def);
  const lines: ReferenceLine[] = [];
  const norm = POPULATION_NORMS[def.id];
  if (norm !== undefined) lines.push(norm);
  if (def.cutOff) {
    const wording = clinicalRangeWording(def.cutOff.caseWhen);
    lines.push({ value: def.cutOff.value, label: `Clinical cut-off ${def.cutOff.value} (clinical range ${wording.side ?? 'beyond it'})`, scale: 'score' });
  }
  if (threshold !== null) {
    const signed = def.direction === 'lower-is-better' ? -threshold : threshold;
    lines.push({ value: signed, label: `Reliable change: ${reliableChangeWording(threshold, def.reliableChange.confidence)}`, scale: 'change' });
  }
  return {
    id: def.id, name: def.name, direction: def.direction, measureType: def.measureType, scoreRange: { ...def.scoreRange },
    cutOff: def.cutOff ? { value: def.cutOff.value, label: def.cutOff.label, caseWhen: def.cutOff.caseWhen } : null,
    reliableChange: threshold === null ? null : { points: threshold, confidence: def.reliableChange.confidence },
    referenceLines: lines,
  };
};
