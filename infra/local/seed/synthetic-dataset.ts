import type { GroupPayload } from '../../../schemas/api/group';
import type { AttendanceRecord } from '../../../schemas/api/attendance';
import type { ResponseRecord } from '../../../schemas/api/responses';
import type { GroupType } from '../../../functions/core/group-type';
import { getInstrument, type InstrumentDefinition } from '../../../functions/core/instruments';
import { DEMO_CLINICS, DEMO_PROGRAMMES } from './demo-organisation';
import { integer, normal, seededRandom } from './random';

/** What one clinic submits: its groups, attendance marks and questionnaire answers. */
export interface ClinicSubmissions {
  clinicId: string;
  groups: GroupPayload[];
  attendance: AttendanceRecord[];
  responses: ResponseRecord[];
}

interface TypeProfile {
  sessions: number;
  instruments: string[];
  /** Mean improvement of latent wellbeing (0..1 scale) over a full course. */
  effect: number;
  dropout: number;
}

/** How many weeks back groups start, and how many may start each week (about 85 % of them do). */
export interface DatasetSize {
  /** Weeks before `today` the first groups start (default 50). */
  weeks?: number;
  /** Groups that may start each week (default 1). */
  groupsPerWeek?: number;
}

const PROFILES: Record<GroupType, TypeProfile> = {
  psychoeducational: { sessions: 6, instruments: ['swemwbs', 'brs'], effect: 0.08, dropout: 0.15 },
  support: { sessions: 10, instruments: ['swemwbs', 'wemwbs', 'gsrs'], effect: 0.06, dropout: 0.2 },
  skill_development: { sessions: 8, instruments: ['swemwbs', 'brs', 'gbo'], effect: 0.1, dropout: 0.22 },
  psychotherapy: { sessions: 12, instruments: ['swemwbs', 'phq9', 'gad7', 'core10'], effect: 0.16, dropout: 0.27 },
};
const TYPES = Object.keys(PROFILES) as GroupType[];
const FACILITATORS = { psychoeducational: 'psychological_wellbeing_practitioner', support: 'peer_facilitator', skill_development: 'occupational_therapist', psychotherapy: 'clinical_psychologist' } as const;

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * A realistic synthetic dataset relative to `today`: groups of all four types at three clinics over the
 * past year (so several months and quarters are closed), 5–14 participants each, weekly sessions,
 * plausible attendance with about one in five dropping out, and questionnaire answers at the first,
 * middle and last attended session whose trajectories improve more in longer, more intensive groups.
 * `size` makes a larger organisation (e.g. `{ weeks: 104, groupsPerWeek: 4 }`); the default is the demo's.
 */
export const syntheticDataset = (today: string, seed = 20261126, size: DatasetSize = {}): ClinicSubmissions[] => {
  const random = seededRandom(seed);
  const byClinic = new Map<string, ClinicSubmissions>(DEMO_CLINICS.map((c) => [c.clinicId, { clinicId: c.clinicId, groups: [], attendance: [], responses: [] }]));
  const { weeks = 50, groupsPerWeek = 1 } = size;
  let serial = 0;
  for (let week = weeks; week >= 2; week -= 1) for (let slot = 0; slot < groupsPerWeek; slot += 1) {
    // About `groupsPerWeek` groups a week start somewhere in the organisation.
    if (random() < 0.15) continue;
    const clinic = DEMO_CLINICS[serial % DEMO_CLINICS.length]!;
    const programme = DEMO_PROGRAMMES[integer(random, 0, DEMO_PROGRAMMES.length - 1)]!;
    const groupType = TYPES[integer(random, 0, TYPES.length - 1)]!;
    const profile = PROFILES[groupType];
    serial += 1;
    const groupId = `${clinic.clinicId}-${groupType.replace('_', '-')}-${String(serial).padStart(3, '0')}`;
    const startDate = addDays(today, -7 * week + integer(random, 0, 4));
    const lastPlanned = addDays(startDate, 7 * (profile.sessions - 1));
    const ended = lastPlanned < today;
    const submissions = byClinic.get(clinic.clinicId)!;
    submissions.groups.push({
      groupId, programmeId: programme.programmeId, groupType, startDate, plannedSessions: profile.sessions,
      instruments: profile.instruments, facilitatorQualification: FACILITATORS[groupType], ...(ended && { endDate: lastPlanned, ended: true }),
    });
    const size = random() < 0.12 ? integer(random, 4, 6) : integer(random, 8, 14);
    for (let p = 1; p <= size; p += 1) {
      const participantRef = `${clinic.clinicId.slice(0, 1).toUpperCase()}${String(serial).padStart(3, '0')}-${String(p).padStart(2, '0')}`;
      simulateParticipant(random, submissions, { groupId, participantRef, startDate, today, profile });
    }
  }
  return [...byClinic.values()];
};

const simulateParticipant = (
  random: () => number,
  out: ClinicSubmissions,
  p: { groupId: string; participantRef: string; startDate: string; today: string; profile: TypeProfile },
): void => {
  const planned = p.profile.sessions;
  const dropsAt = random() < p.profile.dropout ? integer(random, 2, Math.max(2, planned - 1)) : planned + 1;
  const engagement = Math.min(0.97, Math.max(0.55, normal(random, 0.86, 0.08)));
  const baseline = Math.min(0.85, Math.max(0.1, normal(random, 0.42, 0.14)));
  const personalEffect = normal(random, p.profile.effect, 0.09);
  const attended: number[] = [];
  for (let session = 1; session <= planned; session += 1) {
    const date = addDays(p.startDate, 7 * (session - 1));
    if (date > p.today) break;
    if (session >= dropsAt) {
      out.attendance.push({ groupId: p.groupId, participantRef: p.participantRef, session, date, status: 'absent' });
      continue;
    }
    const roll = random();
    const status = session === 1 || roll < engagement ? (random() < 0.06 ? 'late' : 'present') : roll < engagement + 0.04 ? 'excused' : 'absent';
    out.attendance.push({ groupId: p.groupId, participantRef: p.participantRef, session, date, status });
    if (status === 'present' || status === 'late') attended.push(session);
  }
  if (attended.length === 0) return;
  const mid = Math.ceil(planned / 2);
  const measured = new Set([attended[0]!, ...attended.filter((s) => s === mid), ...(dropsAt > planned || random() < 0.4 ? [attended.at(-1)!] : [])]);
  for (const session of measured) {
    const progress = (session - 1) / Math.max(1, planned - 1);
    const wellbeing = Math.min(0.98, Math.max(0.02, baseline + personalEffect * progress + normal(random, 0, 0.04)));
    for (const instrument of p.profile.instruments) {
      const definition = getInstrument(instrument);
      out.responses.push({
        groupId: p.groupId, participantRef: p.participantRef, instrument, session,
        administeredOn: addDays(p.startDate, 7 * (session - 1)),
        items: answers(random, definition, wellbeing, progress),
      });
    }
  }
};

/** Item answers of one administration for a latent wellbeing in 0..1 (1 = best). */
const answers = (random: () => number, definition: InstrumentDefinition, wellbeing: number, progress: number): number[] => {
  const { min, max, decimals } = definition.answers;
  const factor = 10 ** decimals;
  const count = definition.minItems < definition.items.length ? integer(random, definition.minItems, definition.items.length) : definition.items.length;
  const values: number[] = [];
  for (let i = 1; i <= count; i += 1) {
    // GBO rates goal progress, which starts low and rises with the course.
    let level = definition.id === 'gbo' ? 0.2 + 0.6 * progress : wellbeing;
    if (definition.direction === 'lower-is-better') level = 1 - level;
    if (definition.reversedItems.includes(i)) level = 1 - level;
    const raw = min + (max - min) * Math.min(1, Math.max(0, normal(random, level, 0.12)));
    values.push(Math.round(raw * factor) / factor);
  }
  return values;
};
