import type { GroupType } from '../group-type';
import type { GroupStatistics } from '../outcomes';

/** What the roll-up reads of one group: where it belongs, and its mergeable statistics. */
export interface GroupSummary {
  groupId: string;
  programmeId: string;
  groupType: GroupType;
  /** The group's end date (known or planned): it assigns the reporting periods. */
  endDate: string;
  /** When the group's data last changed: the newest of these is the data watermark of a release. */
  changedAt: string;
  stats: GroupStatistics;
}
