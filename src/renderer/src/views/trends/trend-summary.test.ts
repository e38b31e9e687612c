import { describe, expect, it } from 'vitest';
import { summarize, summaryValue } from './trend-summary';

describe('trend summary', () => {
  const rows = [
    { t: 1, aas: 1, hostCpu: 40, redo: 1024, logicalReads: null },
    { t: 2, aas: 3, hostCpu: 60, redo: 3 * 1024 * 1024, logicalReads: 500 },
  ];

  it('gives every metric a unit and skips missing points', () => {
    const lines = summarize(rows);
    const aas = lines.find((l) => l.key === 'aas')!;
    expect(aas).toEqual({ key: 'aas', unit: 'sessions', avg: 2, max: 3, last: 3 });
    const reads = lines.find((l) => l.key === 'logicalReads')!;
    expect(reads).toMatchObject({ unit: 'blocksPerSec', avg: 500, last: 500 });
    expect(lines.map((l) => l.unit)).not.toContain(undefined);
    expect(lines.find((l) => l.key === 'executions')!.avg).toBeNull();
  });

  it('writes percent and bytes with their units', () => {
    expect(summaryValue(50, 'percent', 'en')).toBe('50 %');
    expect(summaryValue(3 * 1024 * 1024, 'bytesPerSec', 'ko')).toBe('3 MB/s');
    expect(summaryValue(null, 'perSec', 'en')).toBe('—');
  });
});
