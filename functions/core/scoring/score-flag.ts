/** Flags a scored administration can carry. */
export const ScoreFlag = {
  /** A risk item was answered above its threshold (counted, never published per person). */
  risk: 'risk',
  /** Items were missing and the score was prorated from the answered ones. */
  prorated: 'prorated',
} as const;
export type ScoreFlag = (typeof ScoreFlag)[keyof typeof ScoreFlag];
