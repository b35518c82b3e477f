import { clinicalRangeWording } from '../../functions/core/instruments/clinical-range';
import { reliableChangeWording } from '../../functions/core/outcomes/reliable-change';
import { Messages } from '../messages';
import type { ReportContext } from '../report-context';

/** The method notes printed on dashboards and in funder reports, one sentence or paragraph per entry. */
export const methodNotes = (context: ReportContext): string[] => [
  ...context.instruments.map((i) => {
    const range = i.scoreRange === undefined ? '' : `, scores ${i.scoreRange.min}–${i.scoreRange.max}`;
    const direction = i.direction === 'lower-is-better' ? 'lower is better' : 'higher is better';
    const rc = i.reliableChange === undefined || i.reliableChange === null ? '' : `; reliable change: ${reliableChangeWording(i.reliableChange.points, i.reliableChange.confidence)}`;
    const cut = i.cutOff === undefined || i.cutOff === null ? '' : `; clinical cut-off ${i.cutOff.value} (${i.cutOff.label}; ${clinicalRangeWording(i.cutOff.caseWhen).range})`;
    const process = i.measureType === 'process' ? `; ${Messages.processMeasure}` : '';
    return `${i.name}${range} (${direction})${rc}${cut}${process}.`;
  }),
  Messages.pairedDefinition,
  Messages.reliableChangeDefinition,
  Messages.recoveryDefinition,
  ...(context.nhsTalkingTherapies === true ? [Messages.nhsTtDefinition] : []),
  ...(context.instruments.some((i) => i.measureType === 'process') ? [Messages.allianceOutcome] : []),
  Messages.effectDefinition,
  Messages.clustering,
  Messages.intervalMethod,
  Messages.periodRule,
  Messages.disclosure(context.policy.k, context.policy.rounding),
  ...context.suppressionNotes,
];
