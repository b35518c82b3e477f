import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { renderReportsStep } from '../../../functions/nightly/steps/render-reports';
import { DASHBOARD_FIGURES } from '../../../functions/nightly/steps/roll-up';
import { startTestStack, type TestStack } from '../support/test-stack';
import { readBucket, stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;
let rows: FigureRow[];
let objects: Map<string, Buffer>;
let switchedOn: { groupsToRecompute: number };

// Item answers that add up to a score: PHQ-9 has 9 items of 0–3, GAD-7 7 items of 0–3.
const items = (count: number, score: number): number[] => Array.from({ length: count }, (_, i) => Math.max(0, Math.min(3, score - 3 * i)));
const dateOf = (session: number): string => `2025-05-${String(5 + 7 * (session - 1)).padStart(2, '0')}`;

// Eight people, every one paired on both measures at sessions 1 and 4 unless said. By hand (NHS Talking Therapies
// definitions): finished courses 7 (p7 attended once); assessed 6 (p6 has no GAD-7 at the end); cases at start 4
// (p0–p3); recovered p0, p1 = 2; reliably improved p0, p2, p4 = 3; reliably deteriorated p3 = 1; reliably recovered p0 = 1.
const PEOPLE = [
  { attended: 4, phq9: [15, 5], gad7: [12, 4] }, //  case → recovered, improved
  { attended: 3, phq9: [11, 8], gad7: [9, 7] }, //   case → recovered, no reliable change
  { attended: 4, phq9: [20, 13], gad7: [14, 12] }, // case, improved, still a case
  { attended: 2, phq9: [10, 16], gad7: [5, 6] }, //  case, deteriorated
  { attended: 4, phq9: [8, 2], gad7: [4, 3] }, //    not a case, improved
  { attended: 3, phq9: [4, 5], gad7: [2, 3] }, //    not a case, no change
  { attended: 4, phq9: [16, 4], gad7: [12] }, //     GAD-7 unpaired: finished, not assessed
  { attended: 1, phq9: [14, 3], gad7: [10, 2] }, //  attended once: not a finished course
];

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  const { api, info } = t.stack;
  switchedOn = await api.post<{ groupsToRecompute: number }>('/v1/admin/programmes', info.keys.admin, {
    programmeId: 'carers', name: 'Carers Together', funders: [{ funderId: 'community-fund', name: 'Community Fund' }], outcomeSets: { nhsTalkingTherapies: true },
  });
  await api.post('/v1/groups', info.keys.clinic, {
    groupId: 'nhs-g1', programmeId: 'carers', groupType: 'support', startDate: dateOf(1), endDate: dateOf(4), ended: true,
    plannedSessions: 4, instruments: ['phq9', 'gad7'], facilitatorQualification: 'counsellor',
  });
  const records = PEOPLE.flatMap((p, i) => [1, 2, 3, 4].map((session) => ({
    groupId: 'nhs-g1', participantRef: `N-${i}`, session, date: dateOf(session), status: session <= p.attended ? 'present' : 'absent',
  })));
  const responses = PEOPLE.flatMap((p, i) => [
    ...p.phq9.map((score, k) => ({ groupId: 'nhs-g1', participantRef: `N-${i}`, instrument: 'phq9', session: k === 0 ? 1 : 4, administeredOn: dateOf(k === 0 ? 1 : 4), items: items(9, score) })),
    ...p.gad7.map((score, k) => ({ groupId: 'nhs-g1', participantRef: `N-${i}`, instrument: 'gad7', session: k === 0 ? 1 : 4, administeredOn: dateOf(k === 0 ? 1 : 4), items: items(7, score) })),
  ]);
  await api.post('/v1/attendance', info.keys.clinic, { records });
  await api.post('/v1/responses', info.keys.clinic, { responses });
  const where = { table: info.tableName, bucket: info.reportsBucket };
  await runNightly(testContext(clients, where, () => new Date(), { k: 1 }), { trigger: 'test', render: renderReportsStep });
  objects = await readBucket(clients.s3, where.bucket);
  rows = JSON.parse(objects.get(DASHBOARD_FIGURES.json)?.toString('utf8') ?? '[]') as FigureRow[];
}, 600_000);
afterAll(async () => { await t?.stop(); });

describe('a programme with the NHS Talking Therapies set switched on', () => {
  it('publishes the set under instrument nhs_tt with the hand-counted values, beside PHQ-9 and GAD-7', () => {
    // Act
    const cell = rows.filter((r) => r.period === '2025-Q2' && r.programme_id === 'carers' && r.group_type === 'support');
    const nhs = Object.fromEntries(cell.filter((r) => r.instrument === 'nhs_tt').map((r) => [r.metric, [r.value, r.n_participants]]));

    // Assess (rates at the published 0.1 % precision)
    expect(nhs).toMatchObject({
      finished_course: [7, 7], paired: [6, 6], cases_at_start: [4, 4], recovered: [2, 2], reliably_improved: [3, 3], reliably_deteriorated: [1, 1],
      recovery_rate: [0.5, 4], reliable_recovery_rate: [0.25, 4], reliable_improvement_rate: [0.5, 6], reliable_deterioration_rate: [0.167, 6],
    });
    expect(new Set(cell.map((r) => r.instrument))).toEqual(new Set(['', 'phq9', 'gad7', 'nhs_tt']));
    expect(cell.find((r) => r.instrument === 'nhs_tt' && r.metric === 'reliably_improved')?.rc_confidence).toBe(0.95);
    expect(switchedOn.groupsToRecompute).toBe(0);
  });

  it('defines the set in the method notes of the programme\'s dashboard', () => {
    // Act
    const page = [...objects.entries()].find(([key]) => /^dashboards\/_gen\/[^/]+\/carers\/index\.html$/.test(key))?.[1].toString('utf8') ?? '';
    // Assess
    expect(page).toContain('NHS Talking Therapies set (programmes that switch it on; NHS Talking Therapies manual definitions)');
    expect(page).toContain('a case is PHQ-9 ≥ 10 and/or GAD-7 ≥ 8');
  });

  it('leaves programmes without the setting without the set', () => {
    expect(rows.some((r) => r.instrument === 'nhs_tt' && r.programme_id !== 'carers' && r.programme_id !== '*')).toBe(false);
  });

  it('marks the programme\'s groups for recomputing when the set is switched off (or on) again', async () => {
    // Act
    const { api, info } = t.stack;
    const base = { programmeId: 'carers', name: 'Carers Together', funders: [{ funderId: 'community-fund', name: 'Community Fund' }] };
    const same = await api.post<{ groupsToRecompute: number }>('/v1/admin/programmes', info.keys.admin, { ...base, outcomeSets: { nhsTalkingTherapies: true } });
    const off = await api.post<{ groupsToRecompute: number }>('/v1/admin/programmes', info.keys.admin, { ...base, outcomeSets: { nhsTalkingTherapies: false } });
    const defaultOff = await api.post<{ groupsToRecompute: number }>('/v1/admin/programmes', info.keys.admin, base);

    // Assess
    expect([same.groupsToRecompute, off.groupsToRecompute, defaultOff.groupsToRecompute]).toEqual([0, 1, 0]);
  });
});
