/**
 * Which cells of a virtualized grid need a clip. A clip on every cell (overflow: hidden, for the
 * ellipsis) gives each of the ~600 cells on screen its own clip node and paint chunk, and the browser
 * walks them all again in every scrolled frame: measured on the 10,000-session grid, about a third of
 * each frame's work (`npm run bench`, scroll frame p95). A cell whose text fits its column draws
 * without one; text wider than its column is clipped with the ellipsis, as before.
 */

/** What a cell shows, for measuring: its text and the px its decorations add (a dot, a prefix). */
export interface CellFit {
  text: string;
  /** px beside the text (icons, dots) */
  extraPx?: number;
  /** drawn in the monospace font */
  mono?: boolean;
}

/** The CSS fonts of the grid's text, by weight (regular, or bold on highlighted rows) and face. */
export interface GridFonts {
  regular: { text: string; mono: string };
  bold: { text: string; mono: string };
}

/** px of `text` drawn in `font` (a CSS font shorthand) */
export type MeasureText = (text: string, font: string) => number;

/** The grid's fonts as the page computes them for `el` (its family, size; `--mono` for code). */
export function gridFonts(el: Element): GridFonts {
  const cs = getComputedStyle(el);
  const size = cs.fontSize || '13px';
  const family = cs.fontFamily || 'sans-serif';
  const monoFamily = cs.getPropertyValue('--mono').trim() || 'monospace';
  const face = (weight: number) => ({
    text: `${weight} ${size} ${family}`,
    mono: `${weight} ${size} ${monoFamily}`,
  });
  return { regular: face(400), bold: face(600) };
}

/** Texts measured, kept until this many (the grid's distinct values repeat a lot). */
const CACHE_LIMIT = 20_000;

/**
 * Canvas text metrics (the page's own shaper and fonts), each text measured once per font.
 * Null where the page has no 2D canvas (the cells are then all clipped, as before).
 */
export function canvasMeasure(): MeasureText | null {
  let ctx: CanvasRenderingContext2D | null;
  try {
    ctx = document.createElement('canvas').getContext('2d');
  } catch {
    return null;
  }
  if (!ctx) return null;
  const canvas = ctx;
  const widths = new Map<string, number>();
  return (text, font) => {
    const key = `${font}\n${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      canvas.font = font;
      w = canvas.measureText(text).width;
      if (widths.size >= CACHE_LIMIT) widths.clear();
      widths.set(key, w);
    }
    return w;
  };
}

/** How a grid decides clips: its fonts, a measure, and its cells' horizontal padding (px, each side). */
export interface FitContext {
  fonts: GridFonts;
  measure: MeasureText;
  paddingPx: number;
}

/**
 * Whether a cell needs its clip: its text (and decorations) wider than the cell's content box. Without
 * a fit (or a context) it does, as every cell used to. A text measured as fitting but drawn a pixel or
 * two wider than measured ends in the cell's right padding, still inside the cell.
 */
export function needsClip(
  fit: CellFit | undefined,
  columnPx: number,
  bold: boolean,
  ctx: FitContext | null,
): boolean {
  if (!fit || !ctx) return true;
  const font = ctx.fonts[bold ? 'bold' : 'regular'][fit.mono ? 'mono' : 'text'];
  const width = ctx.measure(fit.text, font) + (fit.extraPx ?? 0);
  return width > columnPx - 2 * ctx.paddingPx;
}
