import type { GroupType } from '../group-type';

/** A group as stored (the `GROUP#<id>/META` item, without key attributes). */
export interface StoredGroup {
  groupId: string;
  clinicId: string;
  programmeId: string;
  groupType: GroupType;
  startDate: string;
  endDate?: string;
  plannedSessions: number;
  instruments: string[];
  facilitatorQualification: string;
  ended: boolean;
}

/**
 * The date a group ends: its `endDate` when known, otherwise the date of its last planned weekly session.
 * Reporting periods are assigned by this date (one rule everywhere).
 */
export const groupEndDate = (group: Pick<StoredGroup, 'startDate' | 'endDate' | 'plannedSessions'>): string => {
  if (group.endDate !== undefined) return group.endDate;
  const start = new Date(`${group.startDate}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + 7 * (group.plannedSessions - 1));
  return start.toISOString().slice(0, 10);
};
