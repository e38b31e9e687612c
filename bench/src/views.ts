/**
 * What one console polls, at the plan's cadence (seed sections 2.1 and 3.2), and how each view maps to a
 * cache key and an Oracle gateway call. Cadences and TTLs are in plan seconds; the bench divides both by
 * the time acceleration.
 */
import type { ResourceName } from '@shared/cache';

export interface ViewPoll {
  view: string;
  resource: ResourceName;
  /** gateway method and its arguments (the oracle server's call) */
  method: string;
  args: unknown[];
  /** cache key parameters */
  params?: string[];
  /** plan seconds between polls; 0 = once, when the console starts (page load) */
  cadenceSec: number;
}

export const CONSOLE_VIEWS: readonly ViewPoll[] = [
  { view: 'dashboard', resource: 'dashboard', method: 'dashboard', args: [], cadenceSec: 30 },
  { view: 'sessions', resource: 'sessions', method: 'sessions', args: [], cadenceSec: 30 },
  { view: 'locks', resource: 'locks', method: 'locks', args: [], cadenceSec: 30 },
  { view: 'wait events', resource: 'wait-events', method: 'waitEvents', args: [], cadenceSec: 30 },
  { view: 'realtime', resource: 'realtime', method: 'realtime', args: [], cadenceSec: 15 },
  {
    view: 'top SQL',
    resource: 'top-sql',
    method: 'topSql',
    args: [{ limit: 50, orderBy: 'elapsed' }],
    params: ['50'],
    cadenceSec: 60,
  },
  { view: 'trend (1 h)', resource: 'trend', method: 'trend', args: ['1h'], params: ['1h'], cadenceSec: 60 },
  { view: 'health', resource: 'health', method: 'health', args: [], cadenceSec: 30 },
  { view: 'schemas', resource: 'schemas', method: 'schemas', args: [], cadenceSec: 0 },
];

/** The count key the oracle server uses for one call (one cache key ↔ one count key). */
export function countKey(method: string, args: readonly unknown[], tag?: string): string {
  return `${tag ? `${tag}|` : ''}${method}(${args.map((a) => JSON.stringify(a)).join(',')})`;
}
