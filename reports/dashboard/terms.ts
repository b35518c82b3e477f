import { Metric, parseSessionMetric } from '../../functions/core/figures/metric';
import type { CompletionRule } from '../report-context';

/** One defined term of the dashboard's glossary, with the anchor figures link to (`#term-<id>`). */
export interface Term {
  id: string;
  term: string;
  definition: string;
}

/** How a programme's completion rule reads: `attended at least 4 sessions`, `… at least 50% of the planned sessions`. */
export const completionRuleText = (rule: CompletionRule | undefined): string =>
  rule?.minSessions !== undefined
    ? `attended at least ${rule.minSessions} ${rule.minSessions === 1 ? 'session' : 'sessions'} of their group`
    : `attended at least ${Math.round((rule?.minShare ?? 0.5) * 100)}% of the planned sessions of their group`;

/**
 * The terms a dashboard shows, defined in plain words. `completion` is the programme's own rule (the organisation
 * page, whose programmes may differ, says so); `k` the disclosure threshold.
 */
export const dashboardTerms = (completion: CompletionRule | undefined | 'per-programme', k: number): Term[] => [
  { id: 'participants', term: 'Participants', definition: 'People who attended at least one session of a group that ended in the period.' },
  { id: 'attendance', term: 'Attendance rate', definition: 'Sessions attended ÷ sessions offered, over every participant of the groups.' },
  {
    id: 'completion', term: 'Completion',
    definition: `A participant completed when they ${completion === 'per-programme' ? 'met their programme’s rule (at least half the planned sessions unless the programme sets another)' : completionRuleText(completion)}. Completion rate = completed ÷ participants.`,
  },
  { id: 'dropout', term: 'Drop-out', definition: 'Attended at least one session but did not complete, in a group that has ended. Drop-out rate = dropped out ÷ participants.' },
  { id: 'paired', term: 'Paired', definition: 'A participant with a first and a last score on the questionnaire (at least two); only paired participants count in outcomes.' },
  { id: 'reliable-improvement', term: 'Reliably improved', definition: 'Changed by at least the questionnaire’s reliable-change threshold in the better direction (Jacobson & Truax 1991), so the change is unlikely to be measurement error. Share = reliably improved ÷ paired.' },
  { id: 'reliable-deterioration', term: 'Reliably deteriorated', definition: 'Changed by at least the reliable-change threshold in the worse direction.' },
  { id: 'case', term: 'Clinical range (case)', definition: 'A first score on the clinical side of the questionnaire’s cut-off.' },
  { id: 'recovery', term: 'Recovered', definition: 'In the clinical range at the first score and not at the last. Recovery rate = recovered ÷ those in the clinical range at the start (NHS Talking Therapies definition).' },
  { id: 'mean-change', term: 'Mean change', definition: 'Average of last score − first score of the paired participants, with its 95% confidence interval.' },
  { id: 'mean-score', term: 'Mean first / last score', definition: 'Average of the paired participants’ first (or last) scores on the questionnaire; SWEMWBS scores are read against the population mean of the Health Survey for England (about 23.5).' },
  { id: 'effect-size', term: 'Effect size', definition: 'Mean change in standard deviations of the first scores (Hedges’ g); about 0.2 is small, 0.5 medium, 0.8 large.' },
  { id: 'groups', term: 'Groups', definition: 'The number of groups behind a figure: participants are clustered in groups, so a figure from few groups is less certain than its n suggests.' },
  { id: 'ci', term: '95% CI', definition: 'The range that contains the true value with 95% confidence, allowing for grouping.' },
  { id: 'suppressed', term: 'Suppressed (*)', definition: `Hidden by disclosure control: backed by fewer than ${k} people, or hidden so that such a figure cannot be worked out from the others. Never a zero.` },
  { id: 'perturbed', term: 'Perturbed (≈)', definition: 'A small count published with deliberate noise so that nobody can be counted: not the exact figure.' },
  { id: 'open-period', term: 'Period not ended', definition: 'A period that is still running: only groups that have already ended count, so its figures will change as more groups end.' },
];

const METRIC_TERM: Readonly<Record<string, string>> = {
  [Metric.participants]: 'participants', [Metric.groups]: 'groups', [Metric.attendanceRate]: 'attendance',
  [Metric.completed]: 'completion', [Metric.completionRate]: 'completion', [Metric.droppedOut]: 'dropout', [Metric.dropoutRate]: 'dropout',
  [Metric.paired]: 'paired', [Metric.pairedRate]: 'paired', [Metric.reliablyImproved]: 'reliable-improvement',
  [Metric.reliablyDeteriorated]: 'reliable-deterioration', [Metric.casesAtStart]: 'case', [Metric.recovered]: 'recovery',
  [Metric.reliablyRecovered]: 'recovery', [Metric.recoveryRate]: 'recovery', [Metric.meanChange]: 'mean-change', [Metric.meanFinal]: 'mean-score', [Metric.meanBaseline]: 'mean-score',
  [Metric.hedgesG]: 'effect-size', [Metric.dZ]: 'effect-size',
};

/** The glossary entry a metric's label links to, or undefined for a self-explanatory one. */
export const metricTerm = (metric: string): string | undefined => (parseSessionMetric(metric) === null ? METRIC_TERM[metric] : undefined);
