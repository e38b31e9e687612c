import { formatNumber } from '../../components/format';
import { num } from '../../components/units';

/** AAS with the precision it is read at: 0.004 stays 0.004 (a session active 1 s of a 5-min range). */
export function aasText(v: number, lang: string): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs < 0.01) return formatNumber(v, lang, 4);
  if (abs < 0.1) return formatNumber(v, lang, 3);
  return num(v, lang);
}
