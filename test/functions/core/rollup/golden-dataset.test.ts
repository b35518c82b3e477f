import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLETION_RULE } from '../../../../functions/core/outcomes';
import { figureRows, rollUp } from '../../../../functions/core/rollup/roll-up';
import { summariseGroup } from '../../../../functions/core/rollup/summarise-group';
import type { GroupSummary } from '../../../../functions/core/rollup/group-summary';
import { GOLDEN_GROUPS, goldenStoredRecords } from './support/golden-dataset';
import { GOLDEN_CELL_KEYS, GOLDEN_FIGURES } from './support/golden-figures';
import { mismatches } from './support/match-figures';

const summaries = (): GroupSummary[] => GOLDEN_GROUPS.map((g) => {
  const records = goldenStoredRecords(g.groupId, '2025-04-01T10:00:00.000Z');
  const summary = summariseGroup(records.meta, records.attendance, records.responses, DEFAULT_COMPLETION_RULE);
  if (summary === null) throw new Error(`no summary for ${g.groupId}`);
  return summary;
});

describe('the golden dataset through summariseGroup → rollUp → figureRows', () => {
  it('assigns each group to the month and quarter of its end date, with both margins', () => {
    // Act
    const cells = rollUp(summaries());

    // Assess
    expect([...cells.keys()].sort()).toEqual([...GOLDEN_CELL_KEYS].sort());
  });

  it('produces every hand-computed figure to 1e-9', () => {
    // Act
    const rows = figureRows(rollUp(summaries()));

    // Assess
    expect(mismatches(rows, GOLDEN_FIGURES)).toEqual([]);
  });

  it('publishes no risk-flag figure, though a golden response raised one', () => {
    // Prepare
    const flagged = summaries().some((s) => Object.values(s.stats.instruments).some((o) => o.riskFlagged > 0));

    // Act
    const rows = figureRows(rollUp(summaries()));

    // Assess: risk flags are the clinic's alone (GET /v1/groups/{groupId}/risk-flags), never a manager or funder figure
    expect(flagged).toBe(true);
    expect(rows.filter((r) => r.metric === 'risk_flagged')).toEqual([]);
  });

  it('gives the same figures whatever order the groups come in', () => {
    // Prepare
    const forward = summaries();

    // Act
    const rows = figureRows(rollUp(forward));
    const reversed = figureRows(rollUp([...forward].reverse()));

    // Assess
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(rows));
  });
});
