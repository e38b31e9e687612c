import { formatBytes } from '../../components/format';
import { num, pct } from '../../components/units';

/** The trend metrics in the summary, each with the unit its figures are in. */
export const SUMMARY_METRICS = [
  { key: 'aas', unit: 'sessions' },
  { key: 'dbCpu', unit: 'secPerSec' },
  { key: 'hostCpu', unit: 'percent' },
  { key: 'executions', unit: 'perSec' },
  { key: 'userCalls', unit: 'perSec' },
  { key: 'logicalReads', unit: 'blocksPerSec' },
  { key: 'physicalReads', unit: 'blocksPerSec' },
  { key: 'redo', unit: 'bytesPerSec' },
] as const;
export type SummaryUnit = (typeof SUMMARY_METRICS)[number]['unit'];

export interface SummaryLine {
  key: string;
  unit: SummaryUnit;
  avg: number | null;
  max: number | null;
  last: number | null;
}

/** Average, maximum and last value of each metric over the period (points without a value skipped). */
export function summarize(rows: ReadonlyArray<Record<string, number | null>>): SummaryLine[] {
  return SUMMARY_METRICS.map(({ key, unit }) => {
    const values = rows.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
    return {
      key,
      unit,
      avg: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      max: values.length ? Math.max(...values) : null,
      last: values.length ? values[values.length - 1]! : null,
    };
  });
}

/** A summary figure with its unit: "42.5 %", "1.2 MB/s"; other units are named in the row label. */
export function summaryValue(value: number | null, unit: SummaryUnit, lang: string): string {
  if (value === null) return '—';
  if (unit === 'percent') return pct(value, lang);
  if (unit === 'bytesPerSec') return `${formatBytes(value, lang)}/s`;
  return num(value, lang);
}
