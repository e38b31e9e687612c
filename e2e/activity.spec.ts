/**
 * Activity (issue 14) in browser mode against the suite's real Redis: the view watches (so the team's
 * sampler runs), draws AAS by wait class from the shared samples and moves with pushed samples; slicing,
 * a brushed range filtering the tables, click-through to SQL detail, blocking history opening a chain
 * (from the Locks view's link), top SQL over a window, sampler settings; both languages, with
 * screenshots e2e/artifacts/activity-en.png and activity-ko.png.
 */
import type { Redis } from 'ioredis';
import { ActivityPage } from './pages/activity-page';
import { CachePage } from './pages/cache-page';
import { LocksPage } from './pages/locks-page';
import { TopSqlPage } from './pages/top-sql-page';
import { expect, test } from './support/fixtures';

const FIVE_MIN = 5 * 60_000;

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
    cursor = next;
    out.push(...batch);
  } while (cursor !== '0');
  return out;
}

test('Activity: the shared sampler runs while the view watches; live AAS by wait class with the CPU line', async ({
  console: app,
  redis,
}) => {
  const view = new ActivityPage(app);
  await view.open();
  await expect(view.title).toHaveText('Activity');
  await view.setRange(FIVE_MIN);
  // the view watches: this console takes the lease and writes the shared stream in the suite's Redis
  await expect(view.status).toHaveAttribute('data-role', 'leader', { timeout: 30_000 });
  await expect(view.source).toHaveAttribute('data-source', 'sampler');
  await expect(view.source).toContainText('shared by the team');
  await view.waitForSamples(3);
  expect((await scanKeys(redis, 'tms:*activity*')).length).toBeGreaterThan(0);

  // live: pushed samples move the chart without another read (the count grows by itself)
  const before = Number(await view.chart.getAttribute('data-samples'));
  await view.waitForSamples(before + 3);
  await expect(view.chart.getByTestId('aas-cpu-line')).toContainText('CPU_COUNT');
  const classes = await view.legendItems.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  expect(classes).toContain('CPU');
  // every figure says its unit, window and resolution
  await expect(view.root.getByTestId('activity-chart-scope')).toContainText('last 5 min');
  await expect(view.root.getByTestId('activity-chart-scope')).toContainText('1 s buckets');
  await expect(view.root.getByTestId('activity-age')).toContainText('database clock');

  // slice by SQL_ID, then by user: the series are the dimension's values
  await view.sliceBy('sqlId');
  await expect(view.legendItems.first()).toHaveAttribute('data-key', /^([0-9a-z]{13}|\(null\)|\(other\))$/);
  await view.sliceBy('user');
  const users = await view.legendItems.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  expect(users.some((u) => u === 'APP_OWNER' || u === 'BATCH_USR' || u === 'ETL_USR')).toBe(true);
  // a legend click narrows to that value (a filter chip), the chart keeps the dimension
  await view.legendItems.filter({ hasText: 'APP_OWNER' }).first().click();
  await expect(view.root.getByTestId('activity-filter')).toHaveAttribute('data-dimension', 'user');
  await expect(view.legendItems).toHaveCount(1);
  await view.root.getByRole('button', { name: 'Clear filters' }).click();
  await expect(view.root.getByTestId('activity-filter')).toHaveCount(0);
  await view.sliceBy('waitClass');

  await view.waitForSamples(before + 12);
  await app.page.mouse.move(0, 0);
  await app.page.screenshot({ path: 'e2e/artifacts/activity-en.png', fullPage: true });

  // the cache panel shows the Redis memory the connection's samples take, with the rows they hold
  const cache = new CachePage(app);
  await cache.open();
  const memory = cache.root.getByTestId('redis-activity-memory');
  await expect(memory).toContainText(/\d+(\.\d+)?\s?(B|KB|MB)/);
  await expect(memory).toContainText('B/row');
});

test('Activity: a brushed range filters the top tables; a SQL opens SQL detail', async ({ console: app }) => {
  const view = new ActivityPage(app);
  await view.open();
  await view.setRange(FIVE_MIN);
  await view.waitForSamples(15);
  await expect(view.tops).toBeVisible();
  await expect.poll(async () => Number(await view.tops.getAttribute('data-samples'))).toBeGreaterThan(10);
  const whole = Number(await view.tops.getAttribute('data-samples'));

  // brush over a few seconds with samples: [newest - 9 s, newest - 4 s]
  const from = Number(await view.chart.getAttribute('data-from'));
  const to = Number(await view.chart.getAttribute('data-to'));
  const newest = await view.chart.evaluate(() => Date.now());
  const frac = (t: number) => (t - from) / (to - from);
  await view.brush(frac(newest - 9_000), frac(newest - 4_000));
  await expect(view.selection).toBeVisible();
  await expect(view.chart.getByTestId('aas-selection')).toBeVisible();
  await expect
    .poll(
      async () =>
        Number(await view.tops.getAttribute('data-to')) - Number(await view.tops.getAttribute('data-from')),
    )
    .toBeLessThan(15_000);
  const selected = Number(await view.tops.getAttribute('data-samples'));
  expect(selected).toBeGreaterThan(0);
  expect(selected).toBeLessThan(whole);
  await expect(view.topSqlRows.first()).toBeVisible();

  // back to the whole range
  await view.root.getByTestId('activity-clear-selection').click();
  await expect(view.selection).toHaveCount(0);
  await expect
    .poll(async () => Number(await view.tops.getAttribute('data-samples')))
    .toBeGreaterThanOrEqual(whole);

  // click-through: the SQL detail of the Top SQL view
  const sqlId = (await view.topSqlRows.first().getAttribute('data-sql-id'))!;
  await view.topSqlRows.first().click();
  const topSql = new TopSqlPage(app);
  await expect(topSql.detail).toHaveAttribute('data-sql-id', sqlId);
});

test('Blocking history: the Locks view links to it; a chain seen in the samples opens with its tree', async ({
  console: app,
}) => {
  const view = new ActivityPage(app);
  await view.open();
  await view.waitForSamples(3);
  const locks = new LocksPage(app);
  await locks.open();
  await locks.root.getByTestId('locks-history-link').click();
  await expect(view.root).toBeVisible();
  await expect(view.episodes.first()).toBeVisible({ timeout: 20_000 });
  await view.episodes.first().click();
  await expect(view.chain).toBeVisible();
  await expect(app.page).toHaveURL(/#\/activity\/blocking\//);
  await expect(view.chain.getByTestId('chain-root').first()).toBeVisible();
  await expect(view.chain.getByTestId('chain-waiter').first()).toBeVisible();
  await expect(view.chain.getByTestId('chain-summary')).toContainText('waiters');
  await expect(view.chain.getByTestId('chain-objects')).toContainText('APP_OWNER');
  await view.chain.scrollIntoViewIfNeeded();
  await app.page.screenshot({ path: 'e2e/artifacts/activity-blocking-en.png', fullPage: true });
  // "what was blocking at hh:mm": the episodes covering that time of day
  const first = await view.episodes.first().getAttribute('data-episode');
  const firstSeen = Number(first!.split('@')[1]);
  const hhmm = await app.page.evaluate((t) => {
    const d = new Date(t);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }, firstSeen);
  await view.root.getByTestId('blocking-at').fill(hhmm);
  await expect(view.root.locator(`[data-episode="${first}"][data-testid="blocking-episode"]`)).toBeVisible();
  await view.root.getByTestId('blocking-at').fill('00:00');
  if (new Date(firstSeen).getHours() !== 0) await expect(view.episodes).toHaveCount(0);
});

test('Top SQL over a window: 5/15/60 min deltas next to the cumulative ranking (labelled so)', async ({
  console: app,
}) => {
  const topSql = new TopSqlPage(app);
  await topSql.open();
  await expect(topSql.root.getByTestId('top-sql-cumulative-note')).toContainText(
    'since each cursor was loaded',
  );
  await topSql.root.getByTestId('top-sql-window').selectOption('5');
  const panel = topSql.root.getByTestId('top-sql-window-panel');
  await expect(panel).toHaveAttribute('data-window', '5');
  await expect(panel.getByTestId('top-sql-window-scope')).toContainText('V$SQLSTATS deltas');
  await expect(panel.getByTestId('top-sql-window-scope')).toHaveAttribute('data-complete', /true|false/);
  await expect(
    panel.getByTestId('top-sql-window-row').or(panel.getByTestId('top-sql-window-empty')).first(),
  ).toBeVisible();
  await panel.getByTestId('top-sql-window-order').selectOption('executions');
  await expect(topSql.rows).toHaveCount(0);
  await topSql.root.getByTestId('top-sql-window').selectOption('cumulative');
  await expect(topSql.rows.first()).toBeVisible();
});

test('Sampler settings are shared and shown; the view in Korean', async ({ console: app }) => {
  const view = new ActivityPage(app);
  await view.open();
  await expect(view.status).toHaveAttribute('data-role', /leader|follower/, { timeout: 30_000 });
  await view.root.getByTestId('activity-settings-toggle').click();
  const settings = view.root.getByTestId('activity-settings');
  await expect(settings.getByTestId('activity-settings-memory')).toContainText('B per row');
  await settings.getByTestId('activity-setting-intervalSec').fill('2');
  await settings.getByTestId('activity-settings-save').click();
  await expect(view.status).toContainText('every 2 s');
  // out of range: not sent
  await view.root.getByTestId('activity-settings-toggle').click();
  await settings.getByTestId('activity-setting-intervalSec').fill('16');
  await expect(settings.getByTestId('activity-settings-save')).toBeDisabled();
  await settings.getByTestId('activity-setting-intervalSec').fill('1');
  await settings.getByTestId('activity-settings-save').click();
  await expect(view.status).toContainText('every 1 s');

  await app.setLanguage('ko');
  await expect(view.title).toHaveText('액티비티');
  await expect(view.source).toContainText('팀 공유');
  await expect(view.root.getByTestId('activity-chart-scope')).toContainText('단위: 세션 (AAS)');
  await view.setRange(FIVE_MIN);
  await view.waitForSamples(10);
  await expect(view.root.getByTestId('blocking-history')).toContainText('블로킹 이력');
  await app.page.mouse.move(0, 0);
  await app.page.screenshot({ path: 'e2e/artifacts/activity-ko.png', fullPage: true });
  await app.setLanguage('en');
});

test("the dashboard's centrepiece is the same live AAS chart and opens the Activity view", async ({
  console: app,
}) => {
  const centre = app.page.getByTestId('activity-centrepiece');
  await expect(centre).toBeVisible();
  const chart = centre.getByTestId('dashboard-aas-chart');
  await expect(chart).toHaveAttribute('data-dimension', 'waitClass');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-samples')), { timeout: 30_000 })
    .toBeGreaterThan(2);
  await expect(centre.getByTestId('activity-source')).toHaveAttribute('data-source', 'sampler');
  await centre.getByTestId('activity-centrepiece-open').click();
  await expect(new ActivityPage(app).root).toBeVisible();
});
