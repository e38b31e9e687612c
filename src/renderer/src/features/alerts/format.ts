import type { AlertUnit } from '@shared/types/alerts';
import { duration, num, pct } from '../../components/units';

/** A rule's value or threshold in its unit, worded for the language. */
export function alertValue(
  value: number,
  unit: AlertUnit,
  lang: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (unit === 'pct') return pct(value, lang);
  if (unit === 'sec') return duration(value, lang);
  return `${num(value, lang)} ${t(`unit.${unit}`)}`;
}
