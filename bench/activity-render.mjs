#!/usr/bin/env node
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
/**
 * Bench section `activity-render` (issue 14): can the Activity chart draw 1 h and 24 h of activity and
 * re-slice by another dimension in under 100 ms on this machine?
 *  1. main: the aggregation behind one `activity:aas` answer (node, the product's aggregate.ts): 1 h of
 *     raw samples (3,600 samples × R active sessions) and 24 h of per-minute roll-ups, for wait class and
 *     for SQL_ID (a re-slice is one more answer). Redis transfer and decoding are not included.
 *  2. renderer: Debian's Chromium (playwright-core) draws main's answer with the product's AasChart
 *     (bundled by Vite): state change → next painted frame, for 1 h, 24 h, a re-slice to SQL_ID, and a
 *     pushed sample merged in live mode. Median and p95 of several runs.
 *   node bench/activity-render.mjs [--quick] [--rows=50] [--no-write]
 * Writes bench/results/activity-render.{json,md}.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = resolve(benchDir, '..');
const req = createRequire(join(rootDir, 'package.json'));
const arg = (name) =>
  process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1] ??
  (process.argv.includes(`--${name}`) ? 'true' : undefined);
const quick = arg('quick') === 'true';
const rowsPerSample = Number(arg('rows') ?? 50);
const runs = quick ? 7 : 21;
const log = (m) => process.stderr.write(`[activity-render ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const CHROMIUMS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return {
    p50: Math.round(q(0.5) * 100) / 100,
    p95: Math.round(q(0.95) * 100) / 100,
    max: Math.round(s[s.length - 1] * 100) / 100,
    n: s.length,
  };
}

// ---------------------------------------------------------------- 1. main's aggregation (node)
const jiti = createJiti(import.meta.url, { alias: { '@shared': join(rootDir, 'src/shared') } });
const { aasFromSamples, aasFromRollups } = await jiti.import(join(rootDir, 'src/main/activity/aggregate.ts'));
const { rollupOf } = await jiti.import(join(rootDir, 'src/main/activity/rollup.ts'));
const { pushedSample } = await jiti.import(join(benchDir, 'activity-render/data.ts'));

function sampleWithSql(t, seed) {
  const s = pushedSample(t, rowsPerSample, seed);
  s.rows.forEach((r, i) => {
    r.sqlId = `sql${String((seed * 31 + i * 7) % 400).padStart(10, '0')}`;
    r.user = `U${i % 9}`;
    r.module = `M${i % 17}`;
  });
  return s;
}

log(`generating 1 h of raw samples (${rowsPerSample} active sessions each) and 24 h of roll-ups ...`);
const now = Math.floor(Date.now() / 1000) * 1000;
const hour = Array.from({ length: 3600 }, (_, i) => sampleWithSql(now - (3600 - i) * 1000, i));
const minuteTemplate = rollupOf(now - 60_000, hour.slice(0, 60));
const day = Array.from({ length: 1440 }, (_, i) => ({ ...minuteTemplate, t: now - (1440 - i) * 60_000 }));
const main = {};
for (const [label, fn] of [
  ['1h-waitClass', () => aasFromSamples(hour, q(3_600_000, 10, 'waitClass'))],
  ['1h-sqlId', () => aasFromSamples(hour, q(3_600_000, 10, 'sqlId'))],
  ['24h-waitClass', () => aasFromRollups(day, q(86_400_000, 240, 'waitClass'))],
  ['24h-sqlId', () => aasFromRollups(day, q(86_400_000, 240, 'sqlId'))],
]) {
  fn();
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  main[label] = stats(xs);
  log(`main ${label}: ${main[label].p50} ms`);
}
function q(rangeMs, bucketSec, dimension) {
  return { from: now - rangeMs, to: now, bucketSec, dimension, maxSeries: 12, filters: [] };
}

// ---------------------------------------------------------------- 2. the renderer in Chromium
const outDir = mkdtempSync(join(tmpdir(), 'tms-activity-render-'));
const vite = await import(req.resolve('vite'));
const react = (await import(req.resolve('@vitejs/plugin-react'))).default;
log('bundling the chart page with Vite ...');
await vite.build({
  root: join(benchDir, 'activity-render'),
  configFile: false,
  logLevel: 'warn',
  plugins: [react()],
  resolve: {
    alias: { '@shared': join(rootDir, 'src/shared'), '@renderer': join(rootDir, 'src/renderer/src') },
  },
  build: { outDir, emptyOutDir: true, minify: true },
});
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((rq, rs) => {
  const p = join(outDir, rq.url === '/' ? 'index.html' : rq.url.split('?')[0]);
  if (!p.startsWith(outDir) || !existsSync(p)) {
    rs.writeHead(404).end();
    return;
  }
  rs.writeHead(200, { 'content-type': types[extname(p)] ?? 'application/octet-stream' }).end(readFileSync(p));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const executablePath = CHROMIUMS.find((p) => existsSync(p));
if (!executablePath) throw new Error('no Chromium found');
const { chromium } = req('playwright-core');
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-frame-rate-limit',
    '--disable-gpu-vsync',
  ],
});
const renderer = {};
const buckets = {};
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true);
  const measure = async (label, call) => {
    await call(); // warm-up
    const xs = [];
    for (let i = 0; i < runs; i++) xs.push(await call());
    renderer[label] = stats(xs);
    log(`renderer ${label}: ${renderer[label].p50} ms (p95 ${renderer[label].p95})`);
  };
  await measure('draw-1h', () => page.evaluate(() => window.bench.draw(3_600_000, 'waitClass')));
  buckets['1h'] = await page.evaluate(() => window.bench.buckets());
  await measure('reslice-1h-sqlId', () => page.evaluate(() => window.bench.draw(3_600_000, 'sqlId')));
  await measure('draw-24h', () => page.evaluate(() => window.bench.draw(86_400_000, 'waitClass')));
  buckets['24h'] = await page.evaluate(() => window.bench.buckets());
  await measure('reslice-24h-sqlId', () => page.evaluate(() => window.bench.draw(86_400_000, 'sqlId')));
  await page.evaluate(() => window.bench.draw(3_600_000, 'waitClass'));
  await measure('live-merge-1h', () => page.evaluate((rows) => window.bench.merge(rows), rowsPerSample));
} finally {
  await browser.close().catch(() => {});
  server.close();
  rmSync(outDir, { recursive: true, force: true });
}

const total = (m, r) => Math.round((main[m].p50 + renderer[r].p50) * 100) / 100;
const result = {
  section: 'activity-render',
  at: new Date().toISOString(),
  loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  goal_ms: 100,
  rowsPerSample,
  runs,
  buckets,
  main_aggregate_ms: main,
  renderer_draw_ms: renderer,
  answer_plus_draw_p50_ms: {
    '1h': total('1h-waitClass', 'draw-1h'),
    '1h-reslice': total('1h-sqlId', 'reslice-1h-sqlId'),
    '24h': total('24h-waitClass', 'draw-24h'),
    '24h-reslice': total('24h-sqlId', 'reslice-24h-sqlId'),
  },
  notes: [
    'renderer: state change → next painted frame in Chromium (flushSync render + requestAnimationFrame), frame-rate limit off',
    'main: aggregate.ts only (the samples already in memory); Redis XRANGE and decoding of 3,600 entries are not included',
    `1 h = 3,600 raw samples × ${rowsPerSample} rows, 10 s buckets; 24 h = 1,440 per-minute roll-ups, 240 s buckets; ≤ 12 series + (other)`,
  ],
};
const md = [
  '## activity-render (issue 14): draw 1 h / 24 h of activity and re-slice (goal < 100 ms each)',
  '',
  `load average ${result.loadavg.join(' / ')} · ${runs} runs each · ${rowsPerSample} active sessions per sample`,
  '',
  '| case | main aggregate p50 (ms) | renderer draw p50 / p95 (ms) | answer + draw p50 (ms) |',
  '| --- | --- | --- | --- |',
  `| 1 h by wait class (${buckets['1h']} buckets) | ${main['1h-waitClass'].p50} | ${renderer['draw-1h'].p50} / ${renderer['draw-1h'].p95} | ${result.answer_plus_draw_p50_ms['1h']} |`,
  `| 1 h re-sliced by SQL_ID | ${main['1h-sqlId'].p50} | ${renderer['reslice-1h-sqlId'].p50} / ${renderer['reslice-1h-sqlId'].p95} | ${result.answer_plus_draw_p50_ms['1h-reslice']} |`,
  `| 24 h by wait class (${buckets['24h']} buckets, roll-ups) | ${main['24h-waitClass'].p50} | ${renderer['draw-24h'].p50} / ${renderer['draw-24h'].p95} | ${result.answer_plus_draw_p50_ms['24h']} |`,
  `| 24 h re-sliced by SQL_ID | ${main['24h-sqlId'].p50} | ${renderer['reslice-24h-sqlId'].p50} / ${renderer['reslice-24h-sqlId'].p95} | ${result.answer_plus_draw_p50_ms['24h-reslice']} |`,
  `| live: one pushed sample merged + drawn | — | ${renderer['live-merge-1h'].p50} / ${renderer['live-merge-1h'].p95} | — |`,
  '',
  ...result.notes.map((n) => `- ${n}`),
  '',
].join('\n');
process.stdout.write(`${md}\n`);
if (arg('no-write') === undefined) {
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(
    join(benchDir, 'results', `activity-render${quick ? '-quick' : ''}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  writeFileSync(join(benchDir, 'results', `activity-render${quick ? '-quick' : ''}.md`), md);
}
