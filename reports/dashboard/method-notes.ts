import { Messages } from '../messages';
import type { ReportContext } from '../report-context';

/** The method notes printed on dashboards and in funder reports, one sentence or paragraph per entry. */
export const methodNotes = (context: ReportContext): string[] => [
  ...context.instruments.map((i) => {
    const range = i.scoreRange === undefined ? '' : `, scores ${i.scoreRange.min}–${i.scoreRange.max}`;
    const direction = i.direction === 'lower-is-better' ? 'lower is better' : 'higher is better';
    const rc = i.reliableChange === undefined || i.reliableChange === null ? '' : `; reliable change: more than ${Number(i.reliableChange.toFixed(2))} points`;
    const cut = i.cutOff === undefined || i.cutOff === null ? '' : `; clinical cut-off ${i.cutOff.value} (${i.cutOff.label})`;
    return `${i.name}${range} (${direction})${rc}${cut}.`;
  }),
  Messages.pairedDefinition,
  Messages.reliableChangeDefinition,
  Messages.effectDefinition,
  Messages.clustering,
  Messages.intervalMethod,
  Messages.periodRule,
  Messages.disclosure(context.policy.k, context.policy.rounding),
  ...context.suppressionNotes,
];
