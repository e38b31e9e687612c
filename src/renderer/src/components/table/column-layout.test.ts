import { describe, expect, it } from 'vitest';
import {
  type ColumnSpec,
  EMPTY_PREFS,
  layoutColumns,
  moveColumn,
  orderColumns,
  parsePrefs,
  setColumnShown,
  setColumnWidth,
} from './column-layout';

const specs: ColumnSpec[] = [
  { id: 'sid', priority: 1, size: 80, sticky: true, required: true },
  { id: 'kill', priority: 1, size: 60, sticky: true, required: true },
  { id: 'user', priority: 2, size: 100 },
  { id: 'sqlId', priority: 1, size: 120 },
  { id: 'program', priority: 4, size: 200 },
  { id: 'event', priority: 3, size: 200, grow: true },
  { id: 'logon', priority: 4, size: 150 },
];

describe('column layout', () => {
  it('shows every column in spec order when there is room, giving the spare width to grow columns', () => {
    const l = layoutColumns(specs, EMPTY_PREFS, 1000);
    expect(l.visible).toEqual(['sid', 'kill', 'user', 'sqlId', 'program', 'event', 'logon']);
    expect(l.autoHidden).toEqual([]);
    expect(l.widths.event).toBe(200 + (1000 - 910));
    expect(l.totalWidth).toBe(1000);
  });

  it('hides the lowest-priority columns first (rightmost of equals) until the rest fits', () => {
    const l = layoutColumns(specs, EMPTY_PREFS, 600);
    expect(l.autoHidden).toEqual(['logon', 'program']);
    expect(l.visible).toEqual(['sid', 'kill', 'user', 'sqlId', 'event']);
    expect(l.totalWidth).toBeLessThanOrEqual(600);
  });

  it('never hides key, sticky or kept columns; the table scrolls when even they do not fit', () => {
    const l = layoutColumns(specs, EMPTY_PREFS, 200, ['logon']);
    expect(l.visible).toEqual(['sid', 'kill', 'sqlId', 'logon']);
    expect(l.totalWidth).toBeGreaterThan(200);
    expect(l.scrollsX).toBe(true);
  });

  it('says whether the table scrolls sideways (its sticky columns matter only then)', () => {
    expect(layoutColumns(specs, EMPTY_PREFS, 1000).scrollsX).toBe(false);
    expect(layoutColumns(specs, EMPTY_PREFS, 600).scrollsX).toBe(false);
    // exactly as wide as the space: no sideways scroll
    expect(layoutColumns(specs, setColumnShown(EMPTY_PREFS, 'event', false), 900).scrollsX).toBe(false);
    // the DBA shows a column that does not fit
    expect(layoutColumns(specs, setColumnShown(EMPTY_PREFS, 'logon', true), 400).scrollsX).toBe(true);
    // a key column the DBA widened past the space
    expect(layoutColumns(specs, setColumnWidth(EMPTY_PREFS, specs[3]!, 900), 1000).scrollsX).toBe(true);
    // space not measured yet: assume it scrolls (sticky columns are then in place from the start)
    expect(layoutColumns(specs, EMPTY_PREFS, 0).scrollsX).toBe(true);
  });

  it('keeps sticky columns at the left with their offsets', () => {
    const l = layoutColumns(specs, EMPTY_PREFS, 1000);
    expect(l.stickyLeft).toEqual({ sid: 0, kill: 80 });
    const moved = { ...EMPTY_PREFS, order: ['event', 'sid', 'user'] };
    expect(orderColumns(specs, moved).slice(0, 3)).toEqual(['sid', 'kill', 'event']);
  });

  it('follows the DBA: hidden stays hidden, shown stays shown even when it does not fit', () => {
    let prefs = setColumnShown(EMPTY_PREFS, 'user', false);
    prefs = setColumnShown(prefs, 'logon', true);
    const l = layoutColumns(specs, prefs, 600);
    expect(l.visible).not.toContain('user');
    expect(l.visible).toContain('logon');
    expect(l.autoHidden).toContain('program');
    // a required column cannot be hidden
    expect(layoutColumns(specs, setColumnShown(EMPTY_PREFS, 'kill', false), 1000).visible).toContain('kill');
  });

  it('spreads the spare width over the unsized columns when no grow column is shown', () => {
    const prefs = setColumnShown(EMPTY_PREFS, 'event', false);
    const l = layoutColumns(specs, prefs, 900);
    expect(l.totalWidth).toBe(900);
    // sticky columns keep their width; user, sqlId, program, logon share 190 px
    expect(l.widths.sid).toBe(80);
    expect(l.widths.user).toBe(100 + 47);
  });

  it('resizes within bounds and stops growing a column the DBA has sized', () => {
    const prefs = setColumnWidth(EMPTY_PREFS, specs[5]!, 10);
    const l = layoutColumns(specs, prefs, 2000);
    expect(l.widths.event).toBe(40);
  });

  it('reorders movable columns one step at a time, new columns slot in by their spec position', () => {
    const prefs = moveColumn(specs, EMPTY_PREFS, 'sqlId', -1);
    expect(orderColumns(specs, prefs)).toEqual(['sid', 'kill', 'sqlId', 'user', 'program', 'event', 'logon']);
    // already first of the movable columns: nothing moves
    expect(moveColumn(specs, prefs, 'sqlId', -1)).toBe(prefs);
    // sticky columns do not move
    expect(moveColumn(specs, prefs, 'kill', 1)).toBe(prefs);
    const withNew = [...specs.slice(0, 4), { id: 'inst', priority: 2, size: 50 }, ...specs.slice(4)];
    expect(orderColumns(withNew, prefs)).toEqual([
      'sid',
      'kill',
      'sqlId',
      'inst',
      'user',
      'program',
      'event',
      'logon',
    ]);
  });

  it('reads stored prefs defensively', () => {
    expect(parsePrefs('not json')).toEqual(EMPTY_PREFS);
    expect(parsePrefs('{"order":["a",3],"hidden":"x","widths":{"a":120,"b":"wide","c":-1}}')).toEqual({
      order: ['a'],
      hidden: [],
      shown: [],
      widths: { a: 120 },
    });
  });
});
