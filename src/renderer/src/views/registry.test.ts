/**
 * The registry imports every view lazily (and the API client), which only compiles for the browser;
 * this check reads its source instead of importing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const source = readFileSync(join(import.meta.dirname, 'registry.ts'), 'utf8');
const groups =
  (/VIEW_GROUPS = \[([^\]]+)\]/.exec(source)?.[1] ?? '').match(/'[a-z-]+'/g)?.map((g) => g.slice(1, -1)) ??
  [];
const views = [...source.matchAll(/id: '([a-z-]+)',\s*group: '([a-z-]+)'/g)].map((m) => ({
  id: m[1]!,
  group: m[2]!,
}));

describe('view registry', () => {
  it('keeps VIEWS in sidebar order (sections in order), so Alt+n opens the n-th view shown', () => {
    expect(groups).toEqual(['performance', 'database', 'console']);
    const count = (source.match(/labelKey: 'nav\./g) ?? []).length;
    expect(views.length).toBe(count); // every view names its section right after its id
    const sectionIndex = views.map((v) => groups.indexOf(v.group));
    expect(sectionIndex.every((g) => g >= 0)).toBe(true);
    expect(sectionIndex).toEqual([...sectionIndex].sort((a, b) => a - b));
  });

  it('has unique ids', () => {
    expect(new Set(views.map((v) => v.id)).size).toBe(views.length);
  });
});
