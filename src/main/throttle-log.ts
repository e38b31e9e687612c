/**
 * While Redis is down every background task (bus, stats flush, policy reload) fails every few seconds:
 * log the first failure of each kind, then at most one line per interval with the number suppressed.
 */
export function throttledLogger(
  log: (message: string, error?: unknown) => void,
  intervalMs = 60_000,
  now: () => number = Date.now,
): (where: string, error: unknown) => void {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (where, error) => {
    const t = now();
    const entry = last.get(where);
    if (entry && t - entry.at < intervalMs) {
      entry.suppressed++;
      return;
    }
    const suffix = entry?.suppressed ? ` (${entry.suppressed} similar suppressed)` : '';
    last.set(where, { at: t, suppressed: 0 });
    log(`${where}: ${error instanceof Error ? error.message : String(error)}${suffix}`);
  };
}
