/** How long closing a hub's clients may take at shutdown. */
export const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Waits for `work` at most `ms`: true when it settled in time (its rejection is swallowed: this is
 * for closing connections at shutdown, which must not hold the process however they end).
 */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true).catch(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
