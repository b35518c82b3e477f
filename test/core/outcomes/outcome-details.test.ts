import { describe, expect, it } from 'vitest';
import {
  emptyGroupStatistics, groupStatistics, latestPerSession, mergeGroupStatistics, participation, sessionsRequired, summariseCell, withGroupTotals,
} from '../../../functions/core/outcomes';
import type { AttendanceMark, GroupStatistics, GroupStatisticsInput, ScorePoint } from '../../../functions/core/outcomes';
import { classifyChange, jacobsonTruaxThreshold, reliableChangeWording } from '../../../functions/core/outcomes/reliable-change';

const mark = (session: number, status: AttendanceMark['status']): AttendanceMark => ({ session, date: '2026-01-01', status });
const point = (session: number, score: number, administeredOn: string, rawScore = score): ScorePoint => ({ session, administeredOn, score, rawScore, flags: [] });

describe('participation details', () => {
  it('needs ½ · 7 = 3.5, so 4 sessions, and ½ · 8 = 4 exactly', () => {
    expect(sessionsRequired({ minimumShare: 0.5 }, 7)).toBe(3.5);
    expect(sessionsRequired({ minimumSessions: 3 }, 7)).toBe(3);
    const three = [1, 2, 3].map((s) => mark(s, 'present'));
    const four = [...three, mark(4, 'late')];
    expect(participation(three, { plannedSessions: 7, ended: true }).completed).toBe(false);
    expect(participation(four, { plannedSessions: 7, ended: true }).completed).toBe(true);
    expect(participation(four, { plannedSessions: 8, ended: true }).completed).toBe(true);
    // a share of 0.1 · 3 = 0.30000000000000004 sessions: one attended session completes despite the float noise
    expect(participation([mark(1, 'present')], { plannedSessions: 3, ended: true }, { minimumShare: 0.1 }).completed).toBe(true);
  });

  it('offers the planned sessions of an ended group, the marked ones of a running group, and the delivered ones when known', () => {
    const marks = [mark(1, 'present'), mark(2, 'absent')];
    expect(participation(marks, { plannedSessions: 6, ended: true }).sessionsOffered).toBe(6);
    expect(participation(marks, { plannedSessions: 6, ended: false }).sessionsOffered).toBe(2);
    expect(participation(marks, { plannedSessions: 6, ended: false, sessionsDelivered: 4 }).sessionsOffered).toBe(4);
    expect(participation([], { plannedSessions: 6, ended: false })).toMatchObject({ sessionsOffered: 0, attendanceRate: null, started: false, lastSessionAttended: null });
  });

  it('caps the attendance rate at 1 and reports the last session attended', () => {
    const p = participation([mark(3, 'present'), mark(1, 'late'), mark(5, 'excused')], { plannedSessions: 6, ended: false, sessionsDelivered: 1 });
    expect(p).toMatchObject({ sessionsAttended: 2, attendanceRate: 1, lastSessionAttended: 3, started: true });
  });
});

describe('pairs from the latest form of a session', () => {
  it('lets the later date win, and on the same date the one submitted later', () => {
    const scores = [point(1, 10, '2026-01-07'), point(1, 12, '2026-01-05'), point(2, 8, '2026-01-14'), point(2, 9, '2026-01-14')];
    const latest = latestPerSession(scores);
    expect([latest.get(1)?.score, latest.get(2)?.score, latest.size]).toEqual([10, 9, 2]);
  });
});

describe('reliable change', () => {
  it('follows Jacobson & Truax: 1.96 · SD · √2 · √(1 − r)', () => {
    // by hand: 1.96 × 5 = 9.8; × √2 = 13.859293; × √0.19 (0.4358899) = 6.041126
    expect(jacobsonTruaxThreshold(5, 0.81)).toBeCloseTo(1.96 * 5 * Math.SQRT2 * Math.sqrt(0.19), 12);
    expect(jacobsonTruaxThreshold(5, 0.81)).toBeCloseTo(6.041126, 5);
  });

  it('classifies by direction and tolerates float noise at exactly the threshold', () => {
    expect(classifyChange(30.3 - 25.3, 5, 'higher-is-better')).toBe('improved');
    expect(classifyChange(-(30.3 - 25.3), 5, 'higher-is-better')).toBe('deteriorated');
    expect(classifyChange(-6, 6, 'lower-is-better')).toBe('improved');
    expect(classifyChange(6, 6, 'lower-is-better')).toBe('deteriorated');
    expect(classifyChange(5.99, 6, 'lower-is-better')).toBe('unchanged');
    expect(classifyChange(-5.99, 6, 'lower-is-better')).toBe('unchanged');
  });

  it('words a threshold as "at least", to 3 decimals, with its confidence', () => {
    expect(reliableChangeWording(6, 0.9)).toBe('a change of at least 6 points (90% confidence)');
    expect(reliableChangeWording(0.8429367330944831, 0.95)).toBe('a change of at least 0.843 points (95% confidence)');
  });
});

describe('per-group totals of statistics stored before they were kept', () => {
  const input: GroupStatisticsInput = {
    group: { groupId: 'old', plannedSessions: 4, ended: true },
    participants: {
      a: { attendance: [mark(1, 'present'), mark(2, 'present')], responses: { phq9: [point(1, 15, '2026-01-01'), point(4, 8, '2026-01-22')] } },
      b: { attendance: [mark(1, 'present')], responses: { phq9: [point(1, 12, '2026-01-01')] } },
    },
  };
  const current = groupStatistics(input);
  // The stored form of the previous version: no `clusters` anywhere
  const stripped = JSON.parse(JSON.stringify(current, (key, value: unknown) => (key === 'clusters' ? undefined : value))) as GroupStatistics;

  it('rebuilds them from the group\'s own sums, equal to what the current version stores', () => {
    expect(withGroupTotals(stripped)).toEqual(current);
  });

  it('returns statistics that carry them as they are', () => {
    expect(withGroupTotals(current)).toBe(current);
  });

  it('rebuilds them when only a session\'s totals are missing', () => {
    const partly = structuredClone(current);
    const s1 = partly.instruments.phq9?.bySession['1'] as unknown as Record<string, unknown>;
    delete s1.clusters;
    expect(withGroupTotals(partly)).toEqual(current);
  });

  it('merges like the current statistics once rebuilt', () => {
    const merged = mergeGroupStatistics(withGroupTotals(stripped), emptyGroupStatistics());
    expect(summariseCell(merged)).toEqual(summariseCell(current));
  });
});

describe('a group\'s retention and attendance counts', () => {
  it('counts starters at risk and retained at each session, the groups that held it and the people offered sessions', () => {
    // Prepare: three people; c never came
    const stats = groupStatistics({
      group: { groupId: 'r', plannedSessions: 3, ended: true },
      participants: {
        a: { attendance: [mark(1, 'present'), mark(2, 'present'), mark(3, 'present')], responses: {} },
        b: { attendance: [mark(1, 'present'), mark(2, 'absent'), mark(3, 'absent')], responses: {} },
        c: { attendance: [mark(1, 'absent')], responses: {} },
      },
    });
    // Assess, by hand
    expect(stats.participation).toMatchObject({
      participants: 3, starters: 2, sessionsDelivered: 3, sessionsOffered: 9, sessionsAttended: 4, offeredParticipants: 3,
      completed: 1, finishedStarters: 2, completedFinished: 1, droppedOut: 1,
      retentionAtRisk: [2, 2, 2], retentionRetained: [2, 1, 1], retentionGroups: [1, 1, 1],
    });
  });
});
