/**
 * The Activity chart alone in Chromium (the product's AasChart and chart model, bundled by Vite): draws
 * main's answers for 1 h and 24 h, re-slices (another dimension's answer) and merges pushed samples.
 * `window.bench.*` return milliseconds from the state change to the next painted frame.
 */

import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { AasChart } from '../../src/renderer/src/views/activity/AasChart';
import { bucketFor, mergeSample } from '../../src/renderer/src/views/activity/chart-model';
import type { ActivityAas, ActivityDimension } from '../../src/shared/types/activity';
import { aasAnswer, pushedSample } from './data';

const root = createRoot(document.getElementById('root')!);
let seed = 1;

function render(aas: ActivityAas): void {
  root.render(
    <AasChart
      aas={aas}
      dimension={aas.dimension}
      lang="en"
      labelOf={(k) => k}
      selection={null}
      onSelect={() => undefined}
      onSeriesClick={() => undefined}
      cpuLabel="CPU_COUNT"
      aasUnit="AAS"
      gapLabel="gap"
      avgLabel="avg"
      height={280}
    />,
  );
}

const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function timed(aas: ActivityAas): Promise<number> {
  await nextPaint();
  const t0 = performance.now();
  flushSync(() => render(aas));
  // layout + paint of the new SVG happen before the next frame's callbacks
  await new Promise<void>((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
}

let current: ActivityAas | undefined;

(window as unknown as { bench: unknown }).bench = {
  /** draw a fresh answer of this range (a new object each time, as a new read would be) */
  async draw(rangeMs: number, dimension: ActivityDimension): Promise<number> {
    current = aasAnswer(rangeMs, bucketFor(rangeMs), dimension, seed++);
    return timed(current);
  },
  /** live: one pushed sample of `rows` active sessions merged into the shown answer, then drawn */
  async merge(rows: number): Promise<number> {
    if (!current) throw new Error('draw first');
    const sample = pushedSample((current.newestSampleAt ?? current.to) + 1000, rows, seed++);
    await nextPaint();
    const t0 = performance.now();
    const next = mergeSample({ ...current, resolution: 'samples' }, sample, [], 12);
    current = next;
    flushSync(() => render(next));
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    return performance.now() - t0;
  },
  buckets(): number {
    return Number(document.querySelector('[data-testid="aas-chart"]')?.getAttribute('data-buckets') ?? 0);
  },
};
(window as unknown as { benchReady: boolean }).benchReady = true;
