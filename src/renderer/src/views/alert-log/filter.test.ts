import type { AlertLogEntry } from '@shared/types/alert-log';
import { describe, expect, it } from 'vitest';
import { filterAlerts, NO_ALERT_FILTER, oraCounts, splitOra } from './filter';

const e = (level: number, text: string, oraCodes: string[] = []): AlertLogEntry => ({
  instId: 1,
  conId: 3,
  containerName: 'SALESPDB',
  recordId: level,
  time: 0,
  level,
  type: 1,
  component: 'rdbms',
  text,
  oraCodes,
});

const rows = [
  e(16, 'Thread 1 advanced to log sequence 5'),
  e(8, 'Checkpoint not complete'),
  e(2, 'ORA-1652: unable to extend temp segment', ['ORA-01652']),
  e(1, 'ORA-00600: internal error code', ['ORA-00600']),
  e(2, 'ORA-01652 again', ['ORA-01652']),
];

describe('alert log filter', () => {
  it('keeps everything without a filter', () => {
    expect(filterAlerts(rows, NO_ALERT_FILTER)).toHaveLength(5);
  });
  it('level = this severity and worse', () => {
    expect(filterAlerts(rows, { ...NO_ALERT_FILTER, level: '8' }).map((r) => r.level)).toEqual([8, 2, 1, 2]);
    expect(filterAlerts(rows, { ...NO_ALERT_FILTER, level: '2' }).map((r) => r.level)).toEqual([2, 1, 2]);
    expect(filterAlerts(rows, { ...NO_ALERT_FILTER, level: '1' }).map((r) => r.level)).toEqual([1]);
  });
  it('text matches the message case-insensitively and the normalised code', () => {
    expect(filterAlerts(rows, { ...NO_ALERT_FILTER, text: 'CHECKPOINT' })).toHaveLength(1);
    // the message says ORA-1652; the canonical code ORA-01652 finds it too
    expect(filterAlerts(rows, { ...NO_ALERT_FILTER, text: 'ora-01652' })).toHaveLength(2);
    expect(filterAlerts(rows, { ...NO_ALERT_FILTER, oraOnly: true })).toHaveLength(3);
  });
  it('counts codes and splits text for highlighting', () => {
    expect(oraCounts(rows)).toEqual([
      ['ORA-01652', 2],
      ['ORA-00600', 1],
    ]);
    expect(splitOra('x ORA-00060: Deadlock, see ORA-60')).toEqual([
      { text: 'x ', ora: false },
      { text: 'ORA-00060', ora: true },
      { text: ': Deadlock, see ', ora: false },
      { text: 'ORA-60', ora: true },
    ]);
  });
});
