/**
 * A hand-written SVG line chart (no dependency): answer time against consoles, with and without the cache
 * (the plan's figure in section 7.3). Pure: data in, SVG text out (tested in svg.test.ts).
 */

export interface Point {
  x: number;
  y: number | null;
}

export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  points: Point[];
}

export interface ChartSpec {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** logarithmic y axis (answers span µs to hundreds of ms) */
  logY?: boolean;
  width?: number;
  height?: number;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** "Nice" ticks for a linear axis. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

/** Powers of ten covering [min, max] (min > 0). */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const out: number[] = [];
  for (let e = lo; e <= hi; e++) out.push(10 ** e);
  return out;
}

function tickLabel(v: number): string {
  if (v >= 1000) return `${v / 1000}k`;
  if (v >= 1) return String(Number(v.toPrecision(3)));
  return String(Number(v.toPrecision(2)));
}

export function lineChartSvg(spec: ChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 420;
  const m = { top: 64, right: 200, bottom: 56, left: 72 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;

  const xs = spec.series.flatMap((s) => s.points.map((p) => p.x));
  const ys = spec.series.flatMap((s) =>
    s.points
      .map((p) => p.y)
      .filter((y): y is number => y !== null && Number.isFinite(y) && (!spec.logY || y > 0)),
  );
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const xTicks = [...new Set(xs)].sort((a, b) => a - b);
  let yTicks: number[];
  let yMin: number;
  let yMax: number;
  if (spec.logY) {
    yTicks = ys.length ? logTicks(Math.min(...ys), Math.max(...ys)) : [1, 10];
    if (yTicks.length < 2) yTicks.push(yTicks[0]! * 10);
    yMin = yTicks[0]!;
    yMax = yTicks[yTicks.length - 1]!;
  } else {
    yMin = 0;
    const top = ys.length ? Math.max(...ys) : 1;
    yTicks = linearTicks(0, top * 1.1 || 1);
    yMax = Math.max(yTicks[yTicks.length - 1]!, top);
  }
  const sx = (x: number): number => m.left + (xMax === xMin ? pw / 2 : ((x - xMin) / (xMax - xMin)) * pw);
  const sy = (y: number): number => {
    const t = spec.logY
      ? (Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
      : (y - yMin) / (yMax - yMin || 1);
    return m.top + ph - t * ph;
  };
  const f = (n: number): string => n.toFixed(1);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="24" font-size="16" font-weight="600">${esc(spec.title)}</text>`,
  );
  if (spec.subtitle) parts.push(`<text x="${m.left}" y="44" fill="#555">${esc(spec.subtitle)}</text>`);
  // grid + y ticks
  for (const t of yTicks) {
    const y = sy(t);
    parts.push(
      `<line x1="${m.left}" y1="${f(y)}" x2="${m.left + pw}" y2="${f(y)}" stroke="#e5e5e5"/>`,
      `<text x="${m.left - 8}" y="${f(y + 4)}" text-anchor="end" fill="#333">${esc(tickLabel(t))}</text>`,
    );
  }
  for (const t of xTicks) {
    const x = sx(t);
    parts.push(
      `<line x1="${f(x)}" y1="${m.top + ph}" x2="${f(x)}" y2="${m.top + ph + 5}" stroke="#333"/>`,
      `<text x="${f(x)}" y="${m.top + ph + 20}" text-anchor="middle" fill="#333">${esc(tickLabel(t))}</text>`,
    );
  }
  parts.push(
    `<line x1="${m.left}" y1="${m.top + ph}" x2="${m.left + pw}" y2="${m.top + ph}" stroke="#333"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${m.top + ph}" stroke="#333"/>`,
    `<text x="${m.left + pw / 2}" y="${height - 12}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
    `<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  );
  // series
  spec.series.forEach((s, i) => {
    const pts = s.points.filter(
      (p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y) && (!spec.logY || p.y > 0),
    );
    if (pts.length > 0) {
      const d = pts.map((p, j) => `${j === 0 ? 'M' : 'L'}${f(sx(p.x))},${f(sy(p.y))}`).join(' ');
      parts.push(
        `<path d="${d}" fill="none" stroke="${esc(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
      for (const p of pts) {
        parts.push(
          `<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="3.5" fill="${esc(s.color)}"><title>${esc(`${s.name}: ${p.x} → ${p.y}`)}</title></circle>`,
        );
      }
    }
    const ly = m.top + 8 + i * 20;
    const lx = m.left + pw + 16;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${esc(s.color)}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${lx + 30}" y="${ly + 4}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
