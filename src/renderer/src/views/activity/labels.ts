import type { ActivityDimension } from '@shared/types/activity';
import type { TFunction } from 'i18next';
import { NOT_BLOCKED_KEY, NULL_KEY, OTHER_KEY } from './dimensions';

/** How a dimension value is shown: main's placeholder keys translated, ids given their meaning. */
export function keyLabel(t: TFunction, dimension: ActivityDimension, key: string): string {
  if (key === OTHER_KEY) return t('key.other');
  if (key === NULL_KEY) return t('key.null');
  if (key === NOT_BLOCKED_KEY) return t('key.notBlocked');
  switch (dimension) {
    case 'instance':
      return t('key.instance', { id: key });
    case 'pdb':
      return key === '0' ? t('key.conZero') : t('key.container', { id: key });
    case 'session': {
      const [inst, sid, serial] = key.split('.');
      return `${sid},${serial}${inst && inst !== '1' ? ` @${inst}` : ''}`;
    }
    case 'blockingSession': {
      const [inst, sid] = key.split('.');
      return t('key.blockedBy', { sid, inst });
    }
    default:
      return key;
  }
}

/** "last 15 min", "last 24 h" */
export function rangeLabel(ms: number, t: TFunction): string {
  return ms >= 3_600_000
    ? t('range.hours', { count: ms / 3_600_000 })
    : t('range.minutes', { count: ms / 60_000 });
}
