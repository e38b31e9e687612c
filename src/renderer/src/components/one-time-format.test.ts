/**
 * Issue 15, "one time format across the app": times on screen go through units.ts (dateTime, timeOfDay,
 * dateOnly: the UI language, 24 h, local or database time as the header's switch says). A component
 * that formats a Date itself follows the OS locale or ignores the switch; this check finds them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
/** the two places that format with the switch's zone on purpose (chart axis with a date; the header clocks) */
const ALLOWED = new Set([
  'components/TimeChart.tsx',
  'features/database/DatabaseIdentity.tsx',
  'components/units.ts',
]);
const AD_HOC = /\.toLocale(?:Date|Time)?String\(|new Intl\.DateTimeFormat\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('one time format across the app', () => {
  it('no renderer file formats dates itself (units.ts does, in the UI language)', () => {
    const offenders = sources(ROOT)
      .map((p) => relative(ROOT, p).split('\\').join('/'))
      .filter((rel) => !ALLOWED.has(rel))
      .filter((rel) => AD_HOC.test(readFileSync(join(ROOT, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check finds an ad-hoc format', () => {
    expect(AD_HOC.test('new Date(v).toLocaleString()')).toBe(true);
    expect(AD_HOC.test("x.toLocaleTimeString('ko')")).toBe(true);
    expect(AD_HOC.test('dateTime(v, lang)')).toBe(false);
  });
});
