import { describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { recoverableValues } from './support/differencing-attacker';
import { figure } from './support/figure-fixtures';

const hide = (row: FigureRow): FigureRow =>
  ({ ...row, value: null, n_participants: null, suppressed: true, suppression_reason: 'primary:n<8' });
const count = (type: FigureRow['group_type'], n: number, period = '2026-09'): FigureRow =>
  figure({ period, group_type: type, metric: 'participants', value: n, n_participants: n });

describe('the differencing attacker', () => {
  it('recovers a small cell from the margin minus its visible siblings', () => {
    // Prepare
    const truth = [count('support', 3), count('psychotherapy', 12), count('*', 15)];

    // Act
    const recovered = recoverableValues([hide(truth[0] as FigureRow), truth[1] as FigureRow, truth[2] as FigureRow], truth);

    // Assess
    expect(recovered).toEqual([truth[0]]);
  });

  it('recovers a month through a quarter published in another release', () => {
    // Prepare
    const truth = [count('support', 3, '2026-07'), count('support', 10, '2026-08'), count('support', 13, '2026-Q3')];
    const months = [hide(truth[0] as FigureRow), truth[1] as FigureRow];

    // Act
    const recovered = recoverableValues([...months, truth[2] as FigureRow], truth);

    // Assess
    expect(recovered.map((r) => r.period)).toEqual(['2026-07']);
  });

  it('recovers a hidden count through a visible rate and its n', () => {
    // Prepare
    const truth = [
      figure({ metric: 'participants', value: 20, n_participants: 20 }),
      figure({ metric: 'completed', value: 5, n_participants: 20 }),
      figure({ metric: 'completion_rate', value: 0.25, n_participants: 20 }),
    ];

    // Act
    const recovered = recoverableValues([truth[0] as FigureRow, hide(truth[1] as FigureRow), truth[2] as FigureRow], truth);

    // Assess
    expect(recovered.map((r) => r.metric)).toEqual(['completed']);
  });

  it('recovers nothing when two cells of a relation are hidden', () => {
    // Prepare
    const truth = [count('support', 3), count('psychotherapy', 12), count('psychoeducational', 9), count('*', 24)];

    // Act
    const recovered = recoverableValues([hide(truth[0] as FigureRow), hide(truth[2] as FigureRow), truth[1] as FigureRow, truth[3] as FigureRow], truth);

    // Assess
    expect(recovered).toEqual([]);
  });

  it('recovers both hidden cells of a programme when each is alone in its group-type column', () => {
    // Prepare: programmes p1, p2 × types with all margins; the p1 row has two hidden cells, so a per-row check
    // passes, but each column (support, psychotherapy) has only one.
    const cell = (programme: string, type: FigureRow['group_type'], n: number): FigureRow =>
      figure({ programme_id: programme, group_type: type, metric: 'participants', value: n, n_participants: n });
    const truth = [
      cell('p1', 'support', 3), cell('p1', 'psychotherapy', 10), cell('p1', '*', 13),
      cell('p2', 'support', 11), cell('p2', 'psychotherapy', 12), cell('p2', '*', 23),
      cell('*', 'support', 14), cell('*', 'psychotherapy', 22), cell('*', '*', 36),
    ];
    const published = truth.map((r, i) => (i === 0 || i === 1 ? hide(r) : r));

    // Act
    const recovered = recoverableValues(published, truth);

    // Assess
    expect(recovered.map((r) => `${r.programme_id}/${r.group_type}`)).toEqual(['p1/support', 'p1/psychotherapy']);
  });

  it('recovers a hidden drop-out count as the completion rate\'s n minus the completers of a closed cell', () => {
    // Prepare: every group ended, so `completed` is the completion rate's numerator and 34 = 32 + 2.
    const truth = participationCell({ participants: 36, starters: 34, completed: 32, completedRunning: 0, droppedOut: 2 });
    const published = truth.map((r) => (r.metric === 'dropped_out' || r.metric === 'dropout_rate' ? hide(r) : r));

    // Act
    const recovered = recoverableValues(published, truth);

    // Assess
    expect(recovered.map((r) => r.metric)).toEqual(['dropped_out', 'dropout_rate']);
  });

  it('recovers a hidden drop-out count from the starters at session 1 minus the completers of a closed cell', () => {
    // Prepare: both rates hidden too; retention at session 1 rests on the starters, all of them finished.
    const truth = participationCell({ participants: 36, starters: 34, completed: 32, completedRunning: 0, droppedOut: 2 });
    const published = truth.map((r) => (['dropped_out', 'dropout_rate', 'completion_rate'].includes(r.metric) ? hide(r) : r));

    // Act
    const recovered = recoverableValues(published, truth);

    // Assess
    expect(recovered.map((r) => r.metric)).toContain('dropped_out');
  });

  it('does not take the completers of a running group for completers among the finished starters', () => {
    // Prepare: 3 of the 35 completers are in a group still running, which also has 4 starters.
    const truth = participationCell({ participants: 40, starters: 38, completed: 32, completedRunning: 3, droppedOut: 2 });
    const published = truth.map((r) => (['dropped_out', 'dropout_rate', 'completion_rate'].includes(r.metric) ? hide(r) : r));

    // Act
    const recovered = recoverableValues(published, truth);

    // Assess
    expect(recovered).toEqual([]);
  });
});

// A participation cell as the roll-up builds it: rates over the finished starters (completers + drop-outs).
const participationCell = (c: {
  participants: number; starters: number; completed: number; completedRunning: number; droppedOut: number;
}): FigureRow[] => {
  const finished = c.completed + c.droppedOut;
  const completers = c.completed + c.completedRunning;
  return [
    figure({ metric: 'participants', value: c.participants, n_participants: c.participants }),
    figure({ metric: 'completed', value: completers, n_participants: completers }),
    figure({ metric: 'dropped_out', value: c.droppedOut, n_participants: c.droppedOut }),
    figure({ metric: 'completion_rate', value: c.completed / finished, n_participants: finished }),
    figure({ metric: 'dropout_rate', value: c.droppedOut / finished, n_participants: finished }),
    figure({ metric: 'retention_s1', value: 1, n_participants: c.starters }),
  ];
};
