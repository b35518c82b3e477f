import type { ResponseRecord } from '../../../schemas/api/responses';
import { checkAnswers, getInstrument } from '../instruments';
import { Messages } from '../messages';
import type { Problem } from '../validation/problem';
import type { StoredGroup } from './stored-group';

/**
 * Problems of one questionnaire administration: the instrument must be registered for the group and usable
 * here, and every item answer must fit the instrument's definition (count, allowed values, missing items).
 */
export const checkResponse = (
  record: ResponseRecord,
  index: number,
  group: StoredGroup,
  options: { licensed: readonly string[] },
): Problem[] => {
  const at = `responses/${index}`;
  if (!group.instruments.includes(record.instrument)) {
    return [{ index, path: `${at}/instrument`, message: `${at}/instrument: ${Messages.instrumentNotInGroup(record.instrument, group.groupId, group.instruments)}` }];
  }
  let definition;
  try {
    definition = getInstrument(record.instrument, options);
  } catch (error) {
    return [{ index, path: `${at}/instrument`, message: `${at}/instrument: ${(error as Error).message}` }];
  }
  return checkAnswers(definition, record.items).map((problem) => {
    const path = problem.item === null || problem.item === undefined ? `${at}/items` : `${at}/items/${problem.item}`;
    return { index, path, message: `${path}: ${problem.message}` };
  });
};
