import type { GroupPayload } from '../../../schemas/api/group';
import { Messages } from '../messages';
import type { Problem } from '../validation/problem';

/**
 * Rules of a group registration beyond its schema: end not before start, programme registered, every
 * instrument known and usable (`instrumentProblem` returns the reason an id cannot be used, or null).
 */
export const checkGroup = (
  group: GroupPayload,
  programmeExists: boolean,
  instrumentProblem: (id: string) => string | null,
): Problem[] => {
  const problems: Problem[] = [];
  if (group.endDate !== undefined && group.endDate < group.startDate) {
    problems.push({ index: null, path: 'endDate', message: `endDate: ${Messages.endBeforeStart}` });
  }
  if (!programmeExists) {
    problems.push({ index: null, path: 'programmeId', message: `programmeId: ${Messages.programmeNotRegistered(group.programmeId)}` });
  }
  group.instruments.forEach((id, i) => {
    const reason = instrumentProblem(id);
    if (reason !== null) problems.push({ index: null, path: `instruments/${i}`, message: `instruments/${i}: ${reason}` });
  });
  return problems;
};
