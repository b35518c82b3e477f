/**
 * Runs `work` over `items` with at most `limit` at a time, a new one starting as soon as one ends (a sliding
 * window, not lockstep rounds). On the first failure no further item is started; the ones in flight finish
 * and the failure is thrown.
 */
export const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> => {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
};
