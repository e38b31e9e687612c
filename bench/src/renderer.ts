/**
 * Renderer: the sessions view with 10,000 rows in Debian's Chromium, against the console in browser mode
 * (`node out/main/web.js`, TMS_DEMO_SESSIONS=10000, TMS_DEMO_LATENCY_SCALE=0, our own Redis).
 * - first render: navigation start → the view's `tms:sessions:first-rows` performance mark (rows in the
 *   DOM) + the next animation frame (rows painted); median of several reloads of `#/sessions`.
 * - scroll: the grid scrolled 120 px (a wheel notch) every frame at the display's 60 Hz. Per frame, the
 *   main thread's work: from the frame's animation callback (where the step is taken) until a task
 *   posted there runs, i.e. after the frame's style, layout and paint and after the render React
 *   scheduled for the scroll, plus the layout that render caused. An interval between frames longer
 *   than 1.5 vsyncs is a dropped frame. (rAF intervals alone measured the vsync: Chromium 156 aligns
 *   them to 16.7 ms even with its frame-rate limit off.)
 * Page loads are awaited by polling the view's performance mark from a plain evaluate: a Playwright
 * locator wait injects its selector engine (~35 ms of script) into the page while it boots.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RendererResults } from './results';
import { round, summarize } from './stats';

const CHROMIUMS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Build out/ with electron-vite when it is missing or older than src/. Returns a note, or null. */
export function ensureBuilt(rootDir: string, log: (m: string) => void, onlyIfMissing = false): string | null {
  const web = join(rootDir, 'out/main/web.js');
  if (existsSync(web) && onlyIfMissing)
    return 'out/ was not rebuilt (--quick builds only when out/ is missing)';
  const stale = !existsSync(web) || newestMtime(join(rootDir, 'src')) > statSync(web).mtimeMs;
  if (!stale) return null;
  log('renderer: out/ is missing or older than src/: npx electron-vite build ...');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: rootDir, encoding: 'utf8', stdio: 'pipe' });
  if (r.status !== 0) {
    if (existsSync(web))
      return `electron-vite build failed (used the existing out/): ${(r.stderr || r.stdout).slice(-300)}`;
    throw new Error(`electron-vite build failed:\n${(r.stderr || r.stdout).slice(-2000)}`);
  }
  return null;
}

async function startWeb(rootDir: string, redisUrl: string, rows: number, token: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tms-bench-data-'));
  const child: ChildProcess = spawn(process.execPath, [join(rootDir, 'out/main/web.js')], {
    cwd: rootDir,
    env: {
      ...process.env,
      PORT: '0',
      REDIS_URL: redisUrl,
      TMS_DATA_DIR: dataDir,
      TMS_WEB_TOKEN: token,
      TMS_DEMO_SESSIONS: String(rows),
      TMS_DEMO_LATENCY_SCALE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((r) => {
          const t = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('exit', () => {
            clearTimeout(t);
            r();
          });
          child.kill('SIGTERM');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reload and wait for a performance mark of the new page, without injecting anything into it. */
async function reloadUntilMark(page: import('playwright-core').Page, mark: string): Promise<void> {
  await page.reload({ waitUntil: 'commit' });
  await page.waitForLoadState('domcontentloaded');
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const read = () => {
          if (performance.getEntriesByName(name).length > 0) resolve();
          else if (Date.now() - started > 30_000) reject(new Error(`no ${name} mark within 30 s`));
          else setTimeout(read, 50);
        };
        read();
      }),
    mark,
  );
}

/**
 * Page load → the dashboard's `tms:dashboard:tiles` mark (tiles in the DOM), with the cache warm (the
 * previous load filled it; L2 and possibly the server's L1) and cold (the demo connection's keys
 * invalidated through the console's own API before each reload).
 */
async function measureDashboardTiles(
  page: import('playwright-core').Page,
  baseUrl: string,
  token: string,
  reloads: number,
): Promise<{ warm: number[]; cold: number[]; warmOrigins: string[]; coldOrigins: string[] }> {
  const invalidate = async () => {
    const res = await fetch(`${baseUrl}api/invoke/${encodeURIComponent('cache:invalidate')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tms-token': token },
      body: JSON.stringify({ scope: 'connection', connId: 'demo' }),
    });
    const body = (await res.json()) as { ok: boolean };
    if (!body.ok) throw new Error(`cache:invalidate failed: ${JSON.stringify(body)}`);
  };
  await page.evaluate(() => {
    window.location.hash = '/dashboard';
  });
  await page.getByTestId('dashboard-tiles').waitFor({ timeout: 30_000 });
  const once = async (): Promise<{ ms: number; origin: string }> => {
    await reloadUntilMark(page, 'tms:dashboard:tiles');
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const read = () => {
            const mark = performance.getEntriesByName('tms:dashboard:tiles')[0];
            if (mark) resolve(mark.startTime);
            else requestAnimationFrame(read);
          };
          read();
        }),
    );
    const origin = (await page.getByTestId('data-origin').first().getAttribute('data-origin')) ?? '?';
    return { ms, origin };
  };
  const warm: number[] = [];
  const cold: number[] = [];
  const warmOrigins: string[] = [];
  const coldOrigins: string[] = [];
  for (let i = 0; i < reloads; i++) {
    const w = await once();
    warm.push(w.ms);
    warmOrigins.push(w.origin);
    await invalidate();
    const c = await once();
    cold.push(c.ms);
    coldOrigins.push(c.origin);
  }
  return { warm, cold, warmOrigins, coldOrigins };
}

export interface RendererSettings {
  rootDir: string;
  redisUrl: string;
  rows: number;
  reloads: number;
  scrollFrames: number;
  buildOnlyIfMissing?: boolean;
  log: (m: string) => void;
}

export async function runRenderer(s: RendererSettings): Promise<RendererResults & { notes: string[] }> {
  const notes: string[] = [];
  const executablePath = CHROMIUMS.find((p) => existsSync(p));
  if (!executablePath) throw new Error('no Chromium found (apt-get install chromium)');
  const buildNote = ensureBuilt(s.rootDir, s.log, s.buildOnlyIfMissing);
  if (buildNote) notes.push(buildNote);
  // playwright-core from the root node_modules (not a bench dependency)
  const req = createRequire(join(s.rootDir, 'package.json'));
  const { chromium } = req('playwright-core') as typeof import('playwright-core');
  const token = 'bench-token-0123456789abcdef';
  const web = await startWeb(s.rootDir, s.redisUrl, s.rows, token);
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...(process.env.BENCH_NO_VSYNC ? ['--disable-frame-rate-limit', '--disable-gpu-vsync'] : []),
    ],
  });
  let shot: (() => Promise<string>) | undefined;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => {
      if (!localStorage.getItem('tms.language')) localStorage.setItem('tms.language', 'en');
      // the frame after the view's first-rows mark: the rows are painted by then
      const mark = performance.mark.bind(performance);
      performance.mark = ((name: string, options?: PerformanceMarkOptions) => {
        const entry = mark(name, options);
        if (name === 'tms:sessions:first-rows') {
          requestAnimationFrame(() => {
            (window as unknown as { __benchPainted?: number }).__benchPainted = performance.now();
          });
        }
        return entry;
      }) as typeof performance.mark;
    });
    const page = await context.newPage();
    shot = async () => {
      const file = join(tmpdir(), 'tms-bench-renderer-failure.png');
      await page.screenshot({ path: file }).catch(() => {});
      return file;
    };
    await page.goto(`${web.url}#token=${token}`);
    await page.getByTestId('content').waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      window.location.hash = '/sessions';
    });
    await page.getByTestId('sessions-row').first().waitFor({ timeout: 30_000 });
    const rowsShown = await page
      .getByTestId('sessions-count')
      .textContent()
      .catch(() => null);
    const firsts: number[] = [];
    const fromRequest: number[] = [];
    const firstBytes: number[] = [];
    const painted: number[] = [];
    const breakdown: string[] = [];
    for (let i = 0; i < s.reloads; i++) {
      await reloadUntilMark(page, 'tms:sessions:first-rows');
      const t = await page.evaluate(
        () =>
          new Promise<{ mark: number; painted: number; apiStart: number; apiEnd: number; apiBytes: number }>(
            (resolve) => {
              const read = () => {
                const mark = performance.getEntriesByName('tms:sessions:first-rows')[0];
                const painted = (window as unknown as { __benchPainted?: number }).__benchPainted;
                if (!mark || painted === undefined) {
                  requestAnimationFrame(read);
                  return;
                }
                const api = performance
                  .getEntriesByType('resource')
                  .filter((e) => e.name.includes('monitor%3Asessions') || e.name.includes('monitor:sessions'))
                  .map((e) => e as PerformanceResourceTiming)[0];
                resolve({
                  mark: mark.startTime,
                  painted,
                  apiStart: api?.startTime ?? -1,
                  apiEnd: api?.responseEnd ?? -1,
                  apiBytes: api?.encodedBodySize ?? -1,
                });
              };
              read();
            },
          ),
      );
      firsts.push(t.mark);
      if (t.apiStart >= 0) fromRequest.push(t.mark - t.apiStart);
      if (t.apiBytes >= 0) firstBytes.push(t.apiBytes);
      breakdown.push(
        `boot→request ${Math.round(t.apiStart)} ms, request ${Math.round(t.apiEnd - t.apiStart)} ms (${Math.round(t.apiBytes / 1024)} KB), response→rows ${Math.round(t.mark - t.apiEnd)} ms`,
      );
      painted.push(t.painted);
    }
    // in-app navigation (app already booted, data in the server's cache): dashboard → sessions
    const navs: number[] = [];
    for (let i = 0; i < Math.max(1, Math.floor(s.reloads / 2)); i++) {
      await page.evaluate(() => {
        window.location.hash = '/dashboard';
      });
      await page.getByTestId('sessions-row').first().waitFor({ state: 'detached', timeout: 30_000 });
      await page.waitForTimeout(300);
      navs.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              performance.clearMarks('tms:sessions:first-rows');
              const t0 = performance.now();
              window.location.hash = '/sessions';
              const read = () => {
                const mark = performance.getEntriesByName('tms:sessions:first-rows')[0];
                if (!mark) {
                  requestAnimationFrame(read);
                  return;
                }
                resolve(mark.startTime - t0);
              };
              read();
            }),
        ),
      );
    }
    await page.getByTestId('sessions-row').first().waitFor({ timeout: 30_000 });
    // bytes of one refresh: the sessions requests one manual refresh of the view makes (bypasses the cache)
    const refreshBytes = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          performance.clearResourceTimings();
          window.dispatchEvent(new CustomEvent('tms:refresh-view'));
          const sessionsEntries = () =>
            performance
              .getEntriesByType('resource')
              .filter((e) => e.name.includes('monitor%3Asessions'))
              .map((e) => e as PerformanceResourceTiming);
          let seen = -1;
          const settle = () => {
            const entries = sessionsEntries();
            // done when answers arrived and none followed in the last 300 ms
            if (entries.length > 0 && entries.length === seen) {
              resolve(entries.reduce((a, e) => a + e.encodedBodySize, 0));
              return;
            }
            seen = entries.length;
            setTimeout(settle, 300);
          };
          setTimeout(settle, 300);
        }),
    );
    // scroll: one programmatic step per frame (120 px ≈ a wheel notch), down then up
    const scroll = await page.evaluate(
      ({ frames, stepPx }: { frames: number; stepPx: number }) =>
        new Promise<{ work: number[]; intervals: number[] }>((resolve) => {
          const el = document.querySelector('[data-testid="sessions-scroll"]') as HTMLElement;
          const starts: number[] = [];
          const work: number[] = [];
          const intervals: number[] = [];
          const after = new MessageChannel();
          after.port1.onmessage = (e: MessageEvent<number>) => {
            // the layout of what React changed for the scroll, which the next frame would do otherwise
            void el.scrollHeight;
            work[e.data] = performance.now() - starts[e.data]!;
          };
          let last = 0;
          let n = 0;
          let dir = 1;
          const frame = (ts: number) => {
            if (last) intervals.push(ts - last);
            last = ts;
            if (n >= frames) {
              setTimeout(() => resolve({ work: work.filter((w) => w !== undefined), intervals }), 200);
              return;
            }
            starts[n] = performance.now();
            if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) dir = -1;
            else if (el.scrollTop <= 0) dir = 1;
            el.scrollTop += dir * stepPx;
            after.port2.postMessage(n);
            n++;
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        }),
      { frames: s.scrollFrames, stepPx: 120 },
    );
    const vsync = summarize(scroll.intervals).p50;
    const dropped = scroll.intervals.filter((i) => i > 1.5 * vsync).length;
    const rowsInDom = await page.getByTestId('sessions-row').count();
    const sum = summarize(scroll.work);
    const gaps = summarize(scroll.intervals);
    notes.push(
      `renderer: scroll ${scroll.work.length} frames of 120 px at ${round(vsync, 1)} ms vsync: main-thread work per frame p50 ${round(sum.p50, 1)} ms, p95 ${round(sum.p95, 1)} ms, max ${round(sum.max, 1)} ms; frame interval p95 ${round(gaps.p95, 1)} ms; ${dropped} of ${scroll.intervals.length} intervals longer than 1.5 vsyncs (dropped frames)`,
    );
    const first = summarize(firsts);
    notes.push(
      `renderer: first render breakdown (median reload): ${breakdown[Math.floor(breakdown.length / 2)]}`,
    );
    notes.push(
      `renderer: first render per reload ${firsts.map((x) => Math.round(x)).join(', ')} ms (navigation start → the view's tms:sessions:first-rows mark, incl. app boot and the 10,000-row fetch); next frame after it at ${painted.map((x) => Math.round(x)).join(', ')} ms; ${rowsInDom} row elements in the DOM (virtualized); count label "${rowsShown ?? '?'}"`,
    );
    const tiles = await measureDashboardTiles(page, web.url, token, Math.max(3, Math.ceil(s.reloads / 2)));
    notes.push(
      `renderer: page load → dashboard tiles, warm cache ${tiles.warm.map((x) => Math.round(x)).join(', ')} ms (origins ${tiles.warmOrigins.join(', ')}); cold cache (connection's keys invalidated before each reload) ${tiles.cold.map((x) => Math.round(x)).join(', ')} ms (origins ${tiles.coldOrigins.join(', ')})`,
    );
    return {
      rows: s.rows,
      firstRender_ms: round(first.p50, 1),
      firstRenderFromRequest_ms: fromRequest.length ? round(summarize(fromRequest).p50, 1) : null,
      firstWindowBytes: firstBytes.length ? Math.round(summarize(firstBytes).p50) : null,
      refreshBytes,
      dashboardTilesWarm_ms: tiles.warm.length ? round(summarize(tiles.warm).p50, 1) : null,
      dashboardTilesCold_ms: tiles.cold.length ? round(summarize(tiles.cold).p50, 1) : null,
      firstRowsPainted_ms: round(summarize(painted).p50, 1),
      inAppNavigation_ms: round(summarize(navs).p50, 1),
      scrollFrame_p95_ms: round(sum.p95, 2),
      scrollFrame_p50_ms: round(sum.p50, 2),
      scrollFrames: scroll.work.length,
      scrollInterval_p95_ms: round(gaps.p95, 2),
      scrollDroppedFrames: dropped,
      notes,
    };
  } catch (error) {
    const file = shot ? await shot() : undefined;
    const msg = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `${msg}${file ? ` (screenshot: ${file})` : ''}\nweb server output:\n${web.output().slice(-1500)}`,
    );
  } finally {
    await browser.close().catch(() => {});
    await web.stop();
  }
}
