/** The four kinds of group a programme can run; every group has exactly one. */
export const GroupType = {
  psychoeducational: 'psychoeducational',
  support: 'support',
  skillDevelopment: 'skill_development',
  psychotherapy: 'psychotherapy',
} as const;

export type GroupType = (typeof GroupType)[keyof typeof GroupType];

/** All group types in their display order. */
export const GROUP_TYPES: readonly GroupType[] = Object.values(GroupType);

/** Human-readable label of a group type, for charts and reports. */
export const GROUP_TYPE_LABEL: Readonly<Record<GroupType, string>> = {
  psychoeducational: 'Psychoeducational',
  support: 'Support',
  skill_development: 'Skill development',
  psychotherapy: 'Psychotherapy',
};

/** Tells whether a value is one of the four group types. */
export const isGroupType = (value: unknown): value is GroupType =>
  typeof value === 'string' && (GROUP_TYPES as readonly string[]).includes(value);
