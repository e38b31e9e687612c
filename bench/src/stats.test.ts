import { describe, expect, it } from 'vitest';
import { type BenchResults, evaluateGoals, markdownReport } from './results';
import { fmt, percentileSorted, ratio, round, summarize } from './stats';
import { linearTicks, lineChartSvg, logTicks } from './svg';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileSorted(s, 50)).toBe(5);
    expect(percentileSorted(s, 95)).toBe(10);
    expect(percentileSorted(s, 99)).toBe(10);
    expect(percentileSorted(s, 10)).toBe(1);
    expect(percentileSorted(s, 0)).toBe(1);
    expect(percentileSorted(s, 100)).toBe(10);
    expect(percentileSorted([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples without changing them', () => {
    const input = [5, 1, 4, 2, 3];
    const s = summarize(input);
    expect(input).toEqual([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ n: 5, min: 1, max: 5, p50: 3, mean: 3 });
    const big = summarize(Array.from({ length: 1000 }, (_, i) => 1000 - i));
    expect(big.p99).toBe(990);
    expect(big.p95).toBe(950);
  });

  it('rounds, divides and formats JSON-safely', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(Number.NaN)).toBeNull();
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(fmt(null)).toBe('—');
    expect(fmt(12_345.6)).toBe('12,346');
  });
});

describe('SVG chart', () => {
  it('draws one path per series with points and a legend, on a log axis', () => {
    const svg = lineChartSvg({
      title: 'A <title> & more',
      xLabel: 'consoles',
      yLabel: 'ms',
      logY: true,
      series: [
        {
          name: 'cached',
          color: '#00f',
          points: [
            { x: 1, y: 0.5 },
            { x: 10, y: 0.7 },
            { x: 50, y: 0.9 },
          ],
        },
        {
          name: 'uncached',
          color: '#f00',
          dashed: true,
          points: [
            { x: 1, y: 15 },
            { x: 10, y: null },
            { x: 50, y: 90 },
          ],
        },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('A &lt;title&gt; &amp; more');
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(5); // the null point is left out
    expect(svg).toContain('stroke-dasharray');
    expect(svg).not.toContain('NaN');
  });

  it('makes readable ticks', () => {
    expect(linearTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(logTicks(0.5, 90)).toEqual([0.1, 1, 10, 100]);
  });

  it('survives an empty chart', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [] });
    expect(svg).toContain('</svg>');
    expect(svg).not.toContain('NaN');
  });
});

describe('goals', () => {
  const base: Omit<BenchResults, 'goals'> = {
    generatedAt: '2026-01-01T00:00:00.000Z',
    mode: 'quick',
    machine: { node: 'v20', cpus: 2, cpuModel: 'x', platform: 'linux' },
    settings: {},
    latency: null,
    consoles: [],
    stampede: null,
    outage: null,
    renderer: null,
    notes: [],
    skipped: {},
  };

  it('reports n/a for what was not measured', () => {
    const goals = evaluateGoals(base);
    expect(goals.length).toBeGreaterThanOrEqual(9);
    expect(goals.every((g) => g.pass === null)).toBe(true);
  });

  it('passes and misses against the targets', () => {
    const goals = evaluateGoals({
      ...base,
      stampede: {
        processes: 20,
        rounds: 2,
        ourFetches: 1,
        bentocacheFetches: 20,
        ourFetchesPerRound: [1, 1],
        bentocacheFetchesPerRound: [20, 20],
      },
      renderer: {
        rows: 10_000,
        firstRender_ms: 450,
        firstRenderFromRequest_ms: 120,
        scrollFrame_p95_ms: 8,
        dashboardTilesWarm_ms: 380,
      },
    });
    const by = (prefix: string) => goals.find((g) => g.goal.startsWith(prefix))!;
    expect(by('Stampede').pass).toBe(true);
    expect(by('Sessions view first render (10000 rows) from page load').pass).toBe(false);
    expect(by('Sessions view first render (10000 rows) from the data request').pass).toBe(true);
    expect(by('Dashboard tiles from page load').pass).toBe(true);
    expect(by('Sessions view scroll').pass).toBe(true);
    const md = markdownReport({ ...base, goals });
    expect(md).toContain(
      '| Stampede: source fetches for one cold key from 20 processes | = 1 | 1 (bentocache 20) | PASS |',
    );
    expect(md).toContain('MISS');
  });
});
