import type { GroupType } from '../../functions/core/group-type';
import type { Period } from '../../functions/core/figures/figure-row';

/** The slice of figures a chart shows: one period of one programme (`*` = all programmes). */
export interface ChartScope {
  period: Period;
  programmeId: string;
  /** Shown in the subtitle, e.g. the programme's name. */
  scopeLabel?: string;
  /** Group types to show, in display order; default all four. */
  groupTypes?: readonly GroupType[];
  /** Adds the all-group-types margin as its own row; default true when more than one group type is shown. */
  includeAllTypes?: boolean;
}
