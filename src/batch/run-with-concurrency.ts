/**
 * Runs `work` over `items` with at most `concurrency` in flight, in order of start. Once `signal`
 * aborts, no new item starts; items already running finish (their model replies are cached).
 */
export const runWithConcurrency = async <T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> => {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && signal?.aborted !== true) {
      const index = next;
      next += 1;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
};
