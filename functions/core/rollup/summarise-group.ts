import type { GroupType } from '../group-type';
import { findInstrument } from '../instruments';
import { scoreAdministration } from '../scoring';
import { DEFAULT_COMPLETION_RULE, groupStatistics, type CompletionRule, type ParticipantRecords, type ScorePoint } from '../outcomes';
import type { AttendanceMark } from '../outcomes';
import { groupEndDate } from '../ingest/stored-group';
import type { GroupSummary } from './group-summary';

/** A programme's completion setting as registered (`minSessions` wins over `minShare`). */
export const completionRuleOf = (completion: { minSessions?: number; minShare?: number } | undefined): CompletionRule => {
  if (completion?.minSessions !== undefined) return { minimumSessions: completion.minSessions };
  if (completion?.minShare !== undefined) return { minimumShare: completion.minShare };
  return DEFAULT_COMPLETION_RULE;
};

type Item = Record<string, unknown>;

/**
 * Recomputes one group's mergeable statistics from its stored records. Scores are recomputed from the
 * stored item answers with the current instrument definitions, never taken on trust. Returns null for a
 * group with no participant left (e.g. all erased): it contributes nothing.
 */
export const summariseGroup = (
  meta: Item, attendance: readonly Item[], responses: readonly Item[], rule: CompletionRule, options: { nhsTalkingTherapies?: boolean } = {},
): GroupSummary | null => {
  const participants: Record<string, { attendance: AttendanceMark[]; responses: Record<string, ScorePoint[]> }> = {};
  const of = (pid: string) => (participants[pid] ??= { attendance: [], responses: {} });
  for (const item of attendance) {
    of(String(item['pid'])).attendance.push({ session: Number(item['session']), date: String(item['date']), status: item['status'] as AttendanceMark['status'] });
  }
  for (const item of responses) {
    const instrument = String(item['instrument']);
    let scored;
    try {
      scored = scoreAdministration(findInstrument(instrument), item['items'] as (number | null)[]);
    } catch {
      // An answer set the current definition no longer accepts is left out rather than guessed at.
      continue;
    }
    const list = (of(String(item['pid'])).responses[instrument] ??= []);
    list.push({ session: Number(item['session']), administeredOn: String(item['administeredOn']), score: scored.score, rawScore: scored.rawScore, flags: scored.flags });
  }
  if (Object.keys(participants).length === 0) return null;
  for (const p of Object.values(participants)) {
    p.attendance.sort((a, b) => a.session - b.session);
    for (const list of Object.values(p.responses)) list.sort((a, b) => a.session - b.session || a.administeredOn.localeCompare(b.administeredOn));
  }
  const group = {
    groupId: String(meta['groupId']),
    plannedSessions: Number(meta['plannedSessions']),
    ended: meta['ended'] === true,
  };
  const stats = groupStatistics({ group, participants: participants as Record<string, ParticipantRecords> }, { completionRule: rule, nhsTalkingTherapies: options.nhsTalkingTherapies === true });
  return {
    groupId: group.groupId,
    programmeId: String(meta['programmeId']),
    groupType: meta['groupType'] as GroupType,
    endDate: groupEndDate({ startDate: String(meta['startDate']), plannedSessions: group.plannedSessions, ...(typeof meta['endDate'] === 'string' && { endDate: meta['endDate'] }) }),
    changedAt: String(meta['changedAt'] ?? meta['updatedAt'] ?? ''),
    stats,
  };
};
