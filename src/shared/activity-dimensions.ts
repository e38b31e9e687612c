/**
 * A sampled row's value in each dimension the Activity view slices by: one definition for main's
 * aggregation (src/main/activity) and the renderer's live merge, so a pushed sample lands in the same
 * series as main's buckets.
 */
import type { ActivityDimension, ActivityRow } from '@shared/types/activity';

export const NULL_KEY = '(null)';
export const OTHER_KEY = '(other)';
export const NOT_BLOCKED_KEY = '(not blocked)';
/** ON CPU rows: their wait class and event are shown as CPU (as ASH tools do) */
export const CPU_KEY = 'CPU';

export const sessionKey = (r: Pick<ActivityRow, 'instId' | 'sid' | 'serial'>): string =>
  `${r.instId}.${r.sid}.${r.serial}`;

export function classOf(r: ActivityRow): string {
  return r.state === 'ON CPU' ? CPU_KEY : (r.waitClass ?? 'Other');
}

export function dimensionKey(r: ActivityRow, dimension: ActivityDimension): string {
  switch (dimension) {
    case 'waitClass':
      return classOf(r);
    case 'event':
      return r.state === 'ON CPU' ? CPU_KEY : (r.event ?? NULL_KEY);
    case 'sqlId':
      return r.sqlId ?? NULL_KEY;
    case 'user':
      return r.user ?? NULL_KEY;
    case 'module':
      return r.module ?? NULL_KEY;
    case 'program':
      return r.program ?? NULL_KEY;
    case 'machine':
      return r.machine ?? NULL_KEY;
    case 'instance':
      return String(r.instId);
    case 'pdb':
      return String(r.conId);
    case 'blockingSession':
      return r.blockingSession === null
        ? NOT_BLOCKED_KEY
        : `${r.blockingInstance ?? r.instId}.${r.blockingSession}`;
    case 'session':
      return sessionKey(r);
  }
}

export interface RowFilter {
  dimension: ActivityDimension;
  value: string;
}

export function matches(r: ActivityRow, filters: readonly RowFilter[]): boolean {
  for (const f of filters) if (dimensionKey(r, f.dimension) !== f.value) return false;
  return true;
}
