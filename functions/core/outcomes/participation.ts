/** Attendance status of one participant at one session. */
export const AttendanceStatus = { present: 'present', absent: 'absent', late: 'late', excused: 'excused' } as const;
export type AttendanceStatus = (typeof AttendanceStatus)[keyof typeof AttendanceStatus];

/** One attendance mark. */
export interface AttendanceMark {
  session: number;
  date: string;
  status: AttendanceStatus;
}

/** What the participation rules need to know about the group. */
export interface GroupSessions {
  plannedSessions: number;
  ended: boolean;
  /** Sessions the group has actually held; defaults to what the participant's own marks and the group's end imply. */
  sessionsDelivered?: number;
}

/**
 * When a participant has completed: attended at least `minimumShare` of the planned sessions (default ½), or at least
 * `minimumSessions` sessions (NHS Talking Therapies counts 2 attended appointments as a finished course).
 */
export type CompletionRule = { minimumShare: number } | { minimumSessions: number };

/** The default completion rule: attended at least 50% of the planned sessions. */
export const DEFAULT_COMPLETION_RULE: CompletionRule = { minimumShare: 0.5 };

/** Participation of one person in one group. */
export interface Participation {
  sessionsOffered: number;
  /** Sessions marked present or late. */
  sessionsAttended: number;
  /** Attended ÷ offered; null when nothing was offered. */
  attendanceRate: number | null;
  /** Attended at least one session. */
  started: boolean;
  completed: boolean;
  /** Started, did not complete, and the group has ended. */
  droppedOut: boolean;
  /** The highest session number attended, or null. */
  lastSessionAttended: number | null;
}

/** The number of attended sessions a rule requires for a group of `plannedSessions`. */
export const sessionsRequired = (rule: CompletionRule, plannedSessions: number): number =>
  'minimumSessions' in rule ? rule.minimumSessions : rule.minimumShare * plannedSessions;

/**
 * Attendance, completion and drop-out of one participant. A session counts as attended when any mark for it is
 * `present` or `late`; `excused` and `absent` sessions count as offered. Sessions offered = the group's sessions
 * delivered when known, else the sessions marked for the person (all planned sessions once the group has ended).
 */
export const participation = (
  attendance: readonly AttendanceMark[],
  group: GroupSessions,
  rule: CompletionRule = DEFAULT_COMPLETION_RULE,
): Participation => {
  const marked = new Set<number>();
  const attended = new Set<number>();
  let lastSessionAttended: number | null = null;
  for (const mark of attendance) {
    marked.add(mark.session);
    if (mark.status === 'present' || mark.status === 'late') {
      attended.add(mark.session);
      if (lastSessionAttended === null || mark.session > lastSessionAttended) lastSessionAttended = mark.session;
    }
  }
  const sessionsOffered = group.sessionsDelivered ?? Math.max(marked.size, group.ended ? group.plannedSessions : 0);
  const sessionsAttended = attended.size;
  const started = sessionsAttended > 0;
  // A tiny tolerance so ½ · 7 = 3.5 needs 4 sessions but ½ · 8 = 4 needs exactly 4, whatever the float noise.
  const completed = started && sessionsAttended >= sessionsRequired(rule, group.plannedSessions) - 1e-9;
  return {
    sessionsOffered,
    sessionsAttended,
    attendanceRate: sessionsOffered > 0 ? Math.min(1, sessionsAttended / sessionsOffered) : null,
    started,
    completed,
    droppedOut: started && !completed && group.ended,
    lastSessionAttended,
  };
};
