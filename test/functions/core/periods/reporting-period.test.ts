import { describe, expect, it } from 'vitest';
import {
  comparePeriods, isClosed, monthOf, periodFirstDay, periodKind, periodLastDay, quarterOf,
} from '../../../../functions/core/periods/reporting-period';

describe('monthOf and quarterOf', () => {
  it('assigns a group end date to its calendar month and quarter', () => {
    // Act
    const assigned = ['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-14', '2026-12-31'].map((d) => [monthOf(d), quarterOf(d)]);

    // Assess
    expect(assigned).toEqual([
      ['2026-01', '2026-Q1'], ['2026-03', '2026-Q1'], ['2026-04', '2026-Q2'], ['2026-09', '2026-Q3'], ['2026-12', '2026-Q4'],
    ]);
  });

  it('gives the quarter of a month string', () => {
    // Act / Assess
    expect(['2025-02', '2025-06', '2025-07', '2025-10'].map(quarterOf)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
  });
});

describe('periodKind, periodFirstDay and periodLastDay', () => {
  it('tells months from quarters', () => {
    // Act / Assess
    expect([periodKind('2026-09'), periodKind('2026-Q3')]).toEqual(['month', 'quarter']);
  });

  it('gives the first and last day of months, including February of leap and common years', () => {
    // Act
    const days = ['2024-02', '2025-02', '2000-02', '1900-02', '2026-04', '2026-12'].map((p) => [periodFirstDay(p), periodLastDay(p)]);

    // Assess
    expect(days).toEqual([
      ['2024-02-01', '2024-02-29'], ['2025-02-01', '2025-02-28'], ['2000-02-01', '2000-02-29'], ['1900-02-01', '1900-02-28'],
      ['2026-04-01', '2026-04-30'], ['2026-12-01', '2026-12-31'],
    ]);
  });

  it('gives the first and last day of each quarter', () => {
    // Act
    const days = ['2024-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((p) => [periodFirstDay(p), periodLastDay(p)]);

    // Assess
    expect(days).toEqual([
      ['2024-01-01', '2024-03-31'], ['2026-04-01', '2026-06-30'], ['2026-07-01', '2026-09-30'], ['2026-10-01', '2026-12-31'],
    ]);
  });
});

describe('isClosed', () => {
  it('closes a month only once the grace days after its last day have passed', () => {
    // Act
    const byDay = ['2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08'].map((today) => isClosed('2026-09', today, 7));

    // Assess
    expect(byDay).toEqual([false, false, false, true]);
  });

  it('closes a period the day after its end without grace days', () => {
    // Act / Assess
    expect([isClosed('2026-Q3', '2026-09-30', 0), isClosed('2026-Q3', '2026-10-01', 0)]).toEqual([false, true]);
  });

  it('counts grace days across a leap day and a year end', () => {
    // Act / Assess
    expect([isClosed('2024-01', '2024-03-01', 30), isClosed('2024-01', '2024-03-02', 30)]).toEqual([false, true]);
    expect([isClosed('2025-Q4', '2026-01-10', 10), isClosed('2025-Q4', '2026-01-11', 10)]).toEqual([false, true]);
  });
});

describe('comparePeriods', () => {
  it('orders periods by time with each quarter after its months', () => {
    // Prepare
    const periods = ['2026-Q1', '2026-04', '2025-Q4', '2026-03', '2026-01', '2025-12', '2026-02', '2026-Q2', '2026-05', '2026-06'];

    // Act
    const sorted = [...periods].sort(comparePeriods);

    // Assess
    expect(sorted).toEqual(['2025-12', '2025-Q4', '2026-01', '2026-02', '2026-03', '2026-Q1', '2026-04', '2026-05', '2026-06', '2026-Q2']);
  });

  it('finds a period equal to itself', () => {
    // Act / Assess
    expect([comparePeriods('2026-07', '2026-07'), comparePeriods('2026-Q3', '2026-Q3')]).toEqual([0, 0]);
  });
});
