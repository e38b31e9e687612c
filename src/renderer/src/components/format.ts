/** "12 s", "3 min", "2 h", in the UI language's number format. */
export function formatAge(ms: number, lang: string): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const ko = lang.startsWith('ko');
  if (s < 60) return ko ? `${s}초` : `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return ko ? `${m}분` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return ko ? `${h}시간` : `${h} h`;
  const d = Math.floor(h / 24);
  return ko ? `${d}일` : `${d} d`;
}

export function formatNumber(value: number | null | undefined, lang: string, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
    value,
  );
}

export function formatBytes(bytes: number | null | undefined, lang: string): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(v, lang, v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}
