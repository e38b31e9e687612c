import type { SessionRow } from '../types/oracle';

/*
 * Kept apart from the schemas in monitor.ts: the sessions view needs the list at run time, and the
 * renderer's bundle carries no zod.
 */

/** Columns main can sort by. A new SessionRow field becomes sortable by adding its name here. */
export const SESSION_SORT_KEYS = [
  'instId',
  'sid',
  'serial',
  'username',
  'status',
  'osUser',
  'machine',
  'program',
  'module',
  'action',
  'serviceName',
  'sqlId',
  'event',
  'waitClass',
  'secondsInWait',
  'blockingSession',
  'lastCallEt',
  'logonTime',
  'spid',
  'pgaUsedBytes',
  'pgaAllocBytes',
] as const satisfies readonly (keyof SessionRow)[];
export type SessionSortKey = (typeof SESSION_SORT_KEYS)[number];
