/**
 * Wait-class colours as Oracle Enterprise Manager / Performance Hub draws them, so a DBA reads the
 * charts without a legend: CPU green, User I/O blue, System I/O light blue, Concurrency dark red,
 * Application red, Commit orange, Configuration brown, Network tan, Other pink...
 */
export const WAIT_CLASS_COLORS: Record<string, string> = {
  CPU: '#35c387',
  'CPU + Wait for CPU': '#35c387',
  Scheduler: '#9fe6b4',
  'User I/O': '#0252d7',
  'System I/O': '#1e96dd',
  Concurrency: '#8b1a10',
  Application: '#c02800',
  Commit: '#e46800',
  Configuration: '#5c440b',
  Administrative: '#717354',
  Network: '#9f9371',
  Queueing: '#c2b79b',
  Cluster: '#cec3b5',
  Other: '#f06eaa',
  Idle: '#bfbfbf',
};

const FALLBACK = ['#7b61ff', '#00a3a3', '#b58900', '#6c71c4', '#859900'];

export function waitClassColor(waitClass: string | null | undefined, index = 0): string {
  if (!waitClass) return '#999999';
  return WAIT_CLASS_COLORS[waitClass] ?? FALLBACK[index % FALLBACK.length]!;
}

/** The order OEM stacks them in (CPU at the bottom), unknown classes last. */
export const WAIT_CLASS_ORDER = [
  'CPU',
  'Scheduler',
  'User I/O',
  'System I/O',
  'Concurrency',
  'Application',
  'Commit',
  'Configuration',
  'Administrative',
  'Network',
  'Queueing',
  'Cluster',
  'Other',
];

export function sortWaitClasses(names: string[]): string[] {
  const rank = (n: string) => {
    const i = WAIT_CLASS_ORDER.indexOf(n);
    return i < 0 ? WAIT_CLASS_ORDER.length : i;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
