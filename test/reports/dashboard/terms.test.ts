import { describe, expect, it } from 'vitest';
import { completionRuleText, dashboardTerms, metricTerm } from '../../../reports/dashboard/terms';
import { METRIC_INFO } from '../../../functions/core/figures/metric';

describe('the dashboard glossary', () => {
  it('words a programme’s completion rule, sessions before share, half the sessions by default', () => {
    expect(completionRuleText({ minSessions: 4 })).toBe('attended at least 4 sessions of their group');
    expect(completionRuleText({ minSessions: 1 })).toBe('attended at least 1 session of their group');
    expect(completionRuleText({ minShare: 0.75 })).toBe('attended at least 75% of the planned sessions of their group');
    expect(completionRuleText(undefined)).toBe('attended at least 50% of the planned sessions of their group');
  });

  it('defines every term a figure links to, once', () => {
    // Prepare
    const ids = dashboardTerms(undefined, 8).map((t) => t.id);
    const linked = Object.keys(METRIC_INFO).map(metricTerm).filter((t): t is string => t !== undefined);
    // Assess
    expect(new Set(ids).size).toBe(ids.length);
    expect(linked.filter((t) => !ids.includes(t))).toEqual([]);
    expect(metricTerm('completion_rate')).toBe('completion');
    expect(metricTerm('retention_s3')).toBeUndefined();
  });

  it('names the threshold in the suppression term and the programme rule in completion', () => {
    // Prepare, Act
    const terms = dashboardTerms({ minSessions: 4 }, 10);
    // Assess
    expect(terms.find((t) => t.id === 'suppressed')?.definition).toContain('fewer than 10 people');
    expect(terms.find((t) => t.id === 'completion')?.definition).toContain('attended at least 4 sessions');
    expect(dashboardTerms('per-programme', 8).find((t) => t.id === 'completion')?.definition).toContain('their programme’s rule');
  });
});
