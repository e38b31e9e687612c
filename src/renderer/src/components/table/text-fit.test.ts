import { describe, expect, it } from 'vitest';
import { type FitContext, needsClip } from './text-fit';

/** 7 px a character in the regular font, 8 in bold, 9 in monospace (bold mono 10) */
const measure = (text: string, font: string) =>
  text.length * (font.startsWith('600') ? (font.includes('mono') ? 10 : 8) : font.includes('mono') ? 9 : 7);
const ctx: FitContext = {
  fonts: {
    regular: { text: '400 13px sans', mono: '400 13px mono' },
    bold: { text: '600 13px sans', mono: '600 13px mono' },
  },
  measure,
  paddingPx: 8,
};

describe('which grid cells need a clip', () => {
  it('a text that fits the cell content box (column minus both paddings) needs none', () => {
    // 10 chars = 70 px; a 86 px column has a 70 px content box
    expect(needsClip({ text: 'abcdefghij' }, 86, false, ctx)).toBe(false);
    expect(needsClip({ text: 'abcdefghij' }, 85, false, ctx)).toBe(true);
  });

  it('measures in the font the cell draws: bold for highlighted rows, monospace for code', () => {
    expect(needsClip({ text: 'abcdefghij' }, 90, true, ctx)).toBe(true); // 80 px bold
    expect(needsClip({ text: 'abcdefghij' }, 96, true, ctx)).toBe(false);
    expect(needsClip({ text: 'abcdefghij', mono: true }, 100, false, ctx)).toBe(true); // 90 px
    expect(needsClip({ text: 'abcdefghij', mono: true }, 106, false, ctx)).toBe(false);
    expect(needsClip({ text: 'abcdefghij', mono: true }, 106, true, ctx)).toBe(true); // 100 px
  });

  it('counts the decorations beside the text (a dot, button padding)', () => {
    expect(needsClip({ text: 'Idle', extraPx: 31 }, 16 + 28 + 31, false, ctx)).toBe(false);
    expect(needsClip({ text: 'Idle', extraPx: 31 }, 16 + 28 + 30, false, ctx)).toBe(true);
    expect(needsClip({ text: '', extraPx: 20 }, 30, false, ctx)).toBe(true);
    expect(needsClip({ text: '' }, 30, false, ctx)).toBe(false);
  });

  it('clips when it cannot tell: no fit for the column, or no measure on the page', () => {
    expect(needsClip(undefined, 500, false, ctx)).toBe(true);
    expect(needsClip({ text: 'x' }, 500, false, null)).toBe(true);
  });
});
