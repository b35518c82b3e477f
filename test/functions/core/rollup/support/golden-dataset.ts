import type { GroupPayload } from '../../../../../schemas/api/group';
import type { AttendanceRecord } from '../../../../../schemas/api/attendance';
import type { ResponseRecord } from '../../../../../schemas/api/responses';

/**
 * A small hand-computed dataset: three ended groups of four planned weekly sessions, all at the clinic
 * `northside`, with literal PHQ-9 / SWEMWBS answers and attendance. The expected figures are worked out by
 * hand in `golden-figures.ts`.
 *
 *   gold-a  adult-resilience  psychotherapy  ends 2025-01-27  PHQ-9    A1..A4
 *   gold-b  adult-resilience  support        ends 2025-02-24  SWEMWBS  B1..B4
 *   gold-c  young-people      psychotherapy  ends 2025-03-24  PHQ-9    C1..C3
 */
export const GOLDEN_CLINIC = 'northside';

const group = (groupId: string, programmeId: string, groupType: GroupPayload['groupType'], startDate: string, endDate: string, instrument: string): GroupPayload => ({
  groupId, programmeId, groupType, startDate, endDate, ended: true, plannedSessions: 4, instruments: [instrument],
  facilitatorQualification: 'clinical_psychologist',
});

export const GOLDEN_GROUPS: readonly GroupPayload[] = [
  group('gold-a', 'adult-resilience', 'psychotherapy', '2025-01-06', '2025-01-27', 'phq9'),
  group('gold-b', 'adult-resilience', 'support', '2025-02-03', '2025-02-24', 'swemwbs'),
  group('gold-c', 'young-people', 'psychotherapy', '2025-03-03', '2025-03-24', 'phq9'),
];

const startOf = (groupId: string): string => GOLDEN_GROUPS.find((g) => g.groupId === groupId)?.startDate ?? '';
/** The date of session k of a weekly group. */
export const sessionDate = (groupId: string, session: number): string => {
  const d = new Date(`${startOf(groupId)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7 * (session - 1));
  return d.toISOString().slice(0, 10);
};

type Status = AttendanceRecord['status'];
// P present, L late (attended), A absent, E excused (offered, not attended); '.' no mark.
const ATTENDANCE: Record<string, Record<string, string>> = {
  'gold-a': { A1: 'PPPP', A2: 'PPLA', A3: 'PA..', A4: 'PEAP' },
  'gold-b': { B1: 'PPPP', B2: 'PPAP', B3: 'PLP.', B4: 'P...' },
  'gold-c': { C1: 'PPPP', C2: 'PAAP', C3: 'PPPL' },
};
const STATUS: Record<string, Status> = { P: 'present', L: 'late', A: 'absent', E: 'excused' };

export const GOLDEN_ATTENDANCE: readonly AttendanceRecord[] = Object.entries(ATTENDANCE).flatMap(([groupId, people]) =>
  Object.entries(people).flatMap(([participantRef, marks]) => [...marks].flatMap((mark, i) => {
    const status = STATUS[mark];
    return status === undefined ? [] : [{ groupId, participantRef, session: i + 1, date: sessionDate(groupId, i + 1), status }];
  })));

const answers = (groupId: string, participantRef: string, instrument: string, session: number, items: number[]): ResponseRecord =>
  ({ groupId, participantRef, instrument, session, administeredOn: sessionDate(groupId, session), items });

export const GOLDEN_RESPONSES: readonly ResponseRecord[] = [
  // gold-a, PHQ-9 (sum of 9 items 0..3; case at ≥ 10; reliable change 6; item 9 > 0 raises the risk flag)
  answers('gold-a', 'A1', 'phq9', 1, [2, 2, 2, 2, 2, 2, 2, 1, 0]), // 15
  answers('gold-a', 'A1', 'phq9', 4, [1, 1, 1, 1, 1, 1, 0, 0, 0]), // 6
  answers('gold-a', 'A2', 'phq9', 1, [2, 2, 2, 2, 1, 1, 1, 1, 0]), // 12
  answers('gold-a', 'A2', 'phq9', 3, [1, 1, 1, 1, 1, 1, 1, 2, 0]), // 9
  answers('gold-a', 'A3', 'phq9', 1, [1, 1, 1, 1, 1, 1, 1, 1, 0]), // 8 (never paired)
  answers('gold-a', 'A4', 'phq9', 1, [1, 1, 1, 1, 1, 0, 0, 0, 0]), // 5
  answers('gold-a', 'A4', 'phq9', 4, [2, 2, 2, 1, 1, 1, 1, 1, 1]), // 12, risk item 9 = 1
  // gold-b, SWEMWBS (7 items 1..5, raw sum → metric table; reliable change 2.87; no cut-off)
  answers('gold-b', 'B1', 'swemwbs', 1, [2, 2, 2, 2, 2, 2, 2]), // raw 14 → 15.32
  answers('gold-b', 'B1', 'swemwbs', 4, [3, 3, 3, 3, 3, 3, 3]), // raw 21 → 19.25
  answers('gold-b', 'B2', 'swemwbs', 1, [3, 3, 3, 3, 2, 2, 2]), // raw 18 → 17.43
  answers('gold-b', 'B2', 'swemwbs', 4, [3, 3, 3, 3, 3, 2, 2]), // raw 19 → 17.98
  answers('gold-b', 'B3', 'swemwbs', 1, [3, 3, 3, 3, 3, 3, 3]), // raw 21 → 19.25
  answers('gold-b', 'B3', 'swemwbs', 3, [3, 3, 3, 2, 2, 2, 2]), // raw 17 → 16.88
  answers('gold-b', 'B4', 'swemwbs', 1, [4, 4, 4, 4, 4, 4, 4]), // raw 28 → 25.03 (never paired)
  // gold-c, PHQ-9
  answers('gold-c', 'C1', 'phq9', 1, [3, 3, 2, 2, 2, 2, 2, 2, 0]), // 18
  answers('gold-c', 'C1', 'phq9', 4, [1, 1, 1, 1, 1, 1, 1, 1, 0]), // 8
  answers('gold-c', 'C2', 'phq9', 1, [2, 2, 1, 1, 1, 1, 1, 1, 0]), // 10
  answers('gold-c', 'C2', 'phq9', 4, [2, 2, 1, 1, 1, 1, 1, 1, 0]), // 10
  answers('gold-c', 'C3', 'phq9', 1, [1, 1, 1, 1, 1, 1, 1, 0, 0]), // 7
  answers('gold-c', 'C3', 'phq9', 4, [1, 1, 1, 1, 1, 1, 0, 0, 0]), // 6
];

type Item = Record<string, unknown>;

/** The dataset as the store holds it (participant references standing in for pseudonyms): input of `summariseGroup`. */
export const goldenStoredRecords = (groupId: string, changedAt: string): { meta: Item; attendance: Item[]; responses: Item[] } => {
  const payload = GOLDEN_GROUPS.find((g) => g.groupId === groupId);
  return {
    meta: { ...payload, changedAt },
    attendance: GOLDEN_ATTENDANCE.filter((r) => r.groupId === groupId).map((r) => ({ pid: r.participantRef, session: r.session, date: r.date, status: r.status })),
    responses: GOLDEN_RESPONSES.filter((r) => r.groupId === groupId).map((r) => ({
      pid: r.participantRef, instrument: r.instrument, session: r.session, administeredOn: r.administeredOn, items: r.items,
    })),
  };
};
