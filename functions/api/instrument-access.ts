import { getInstrument } from '../core/instruments';
import { settings } from '../runtime/context';

/** Why an instrument id cannot be used in this deployment (unknown, or licensed and not enabled), or null. */
export const instrumentProblem = (id: string): string | null => {
  try {
    getInstrument(id, { licensed: settings.licensedInstruments });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};
