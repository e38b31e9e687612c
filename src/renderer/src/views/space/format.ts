import { formatNumber } from '../../components/format';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes in binary units, said as such (KiB/MiB/GiB/TiB = 1024^n): 3 significant digits or so. */
export function binBytes(bytes: number | null | undefined, lang: string): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '—';
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < BINARY_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 ? 0 : Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${formatNumber(v, lang, digits)} ${BINARY_UNITS[i]}`;
}

/** How full: 'ok' below 85 %, 'warn' to 95 %, 'crit' from 95 % (the usual tablespace thresholds). */
export function fullness(pct: number | null | undefined): 'ok' | 'warn' | 'crit' {
  if (pct === null || pct === undefined) return 'ok';
  return pct >= 95 ? 'crit' : pct >= 85 ? 'warn' : 'ok';
}
