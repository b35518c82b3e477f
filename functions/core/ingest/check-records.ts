import type { Problem } from '../validation/problem';
import type { StoredGroup } from './stored-group';
import { Messages } from '../messages';

/** What every record of a batch shares: the group it goes to, a session and a date. */
export interface GroupedRecord {
  groupId: string;
  session: number;
  date: string;
}

/** Result of checking a batch against the stored groups. */
export interface GroupCheck {
  problems: Problem[];
}

/**
 * Checks each record against its group: registered to the caller's clinic, session within the plan, date
 * not before the group's start nor after `today`. A group of another clinic reads exactly as one that does
 * not exist (same problem, same message, nothing more about it), so a clinic cannot probe others' group ids.
 * Pure: the groups and today are passed in. `dateField` is the payload's name of the date
 * (`administeredOn` for responses), so problems name it.
 */
export const checkAgainstGroups = (
  records: readonly GroupedRecord[],
  groups: ReadonlyMap<string, StoredGroup>,
  clinicId: string,
  today: string,
  collection: string,
  dateField = 'date',
): GroupCheck => {
  const problems: Problem[] = [];
  records.forEach((record, index) => {
    const at = (field: string): string => `${collection}/${index}/${field}`;
    const group = groups.get(record.groupId);
    if (group === undefined || group.clinicId !== clinicId) {
      problems.push({ index, path: at('groupId'), message: `${at('groupId')}: ${Messages.groupNotRegistered(record.groupId)}` });
      return;
    }
    if (record.session > group.plannedSessions) {
      problems.push({ index, path: at('session'), message: `${at('session')}: ${Messages.sessionBeyondPlan(record.session, group.plannedSessions)}` });
    }
    if (record.date < group.startDate) {
      problems.push({ index, path: at(dateField), message: `${at(dateField)}: ${Messages.dateBeforeStart(record.date, group.startDate)}` });
    }
    if (record.date > today) {
      problems.push({ index, path: at(dateField), message: `${at(dateField)}: ${Messages.dateInFuture(record.date)}` });
    }
  });
  return { problems };
};
