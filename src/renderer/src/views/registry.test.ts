import { describe, expect, it } from 'vitest';
import { VIEW_GROUPS, VIEWS } from './registry';

describe('view registry', () => {
  it('keeps VIEWS in sidebar order (sections in order), so Alt+n opens the n-th view shown', () => {
    const sectionIndex = VIEWS.map((v) => VIEW_GROUPS.indexOf(v.group));
    expect(sectionIndex.every((g) => g >= 0)).toBe(true);
    expect(sectionIndex).toEqual([...sectionIndex].sort((a, b) => a - b));
  });

  it('has unique ids and one label key each', () => {
    expect(new Set(VIEWS.map((v) => v.id)).size).toBe(VIEWS.length);
    expect(new Set(VIEWS.map((v) => v.labelKey)).size).toBe(VIEWS.length);
  });
});
