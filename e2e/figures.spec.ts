/**
 * Issue 15: screens that say what their figures are and show all of them — SQL detail without a
 * floating header, the per-resource cache table without an inner scroll box, trends that refresh
 * themselves with units, dashboard charts whose every legend entry has a line (physical reads on
 * their own axis), a connection dot that follows the data being served.
 */
import { DashboardPage } from './pages/dashboard-page';
import { TopSqlPage } from './pages/top-sql-page';
import { TrendsPage } from './pages/trends-page';
import { expect, test } from './support/fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

test('SQL detail: the statistics header stays with its table; child-cursor flags stay in the panel', async ({
  console: app,
}) => {
  const top = new TopSqlPage(app);
  await top.open();
  await top.openDetail(top.rows.first());
  const stats = top.detail.getByTestId('sql-stats');
  await expect(stats).toBeVisible();
  expect(
    await stats
      .locator('th')
      .first()
      .evaluate((th) => getComputedStyle(th).position),
  ).not.toBe('sticky');
  await expect(stats.locator('thead th').nth(1)).toHaveText('Total since load');
  const children = top.detail.getByTestId('sql-children');
  await expect(children.getByTestId('sql-child-flags').first()).toBeVisible();
  const panel = await top.detail.boundingBox();
  const table = await children.boundingBox();
  expect(table!.x + table!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
});

test('cache: the per-resource table shows every row, with no scroll box of its own', async ({
  console: app,
}) => {
  // read enough resources that the table is taller than the old 260 px box
  for (const id of ['sessions', 'locks', 'waits', 'trends']) {
    await app.goTo(id);
    await expect(app.content.getByTestId('data-origin')).toBeVisible();
  }
  const top = new TopSqlPage(app);
  await top.open();
  await top.openDetail(top.rows.first());
  await expect(top.detail.getByTestId('sql-plan')).toBeVisible();
  await app.goTo('schemas');
  await app.page.getByTestId('schema-item').first().click();
  await app.page.getByTestId('table-item').first().click();
  await expect(app.page.getByTestId('column-item').first()).toBeVisible();
  await app.goTo('cache');
  const table = app.page.getByTestId('per-resource');
  await expect.poll(() => table.getByTestId('per-resource-row').count()).toBeGreaterThanOrEqual(11);
  const box = table.locator('xpath=..');
  expect(await box.evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
});

test('trends: refreshes itself (labelled) and every summary figure has a unit', async ({ console: app }) => {
  const trends = new TrendsPage(app);
  await trends.open();
  await expect(trends.root.getByTestId('auto-refresh')).toContainText('auto-refresh');
  const units = trends.root.getByTestId('trend-summary-unit');
  await expect(units.first()).toBeVisible();
  for (const u of await units.allInnerTexts()) expect(u.trim()).not.toBe('');
  await expect(trends.root.locator('[data-metric="hostCpu"]')).toContainText('%');
});

test('dashboard: every legend entry has a line, physical reads on their own axis, the dot shows data served', async ({
  console: app,
  page,
}) => {
  const dash = new DashboardPage(app);
  await expect(dash.realtimeCharts).toBeVisible();
  const io = page.getByTestId('chart-io');
  await expect(io.locator('.recharts-yAxis')).toHaveCount(2);
  await expect(io).toContainText('Physical reads (right axis)');
  const throughput = page.getByTestId('chart-throughput');
  // one legend entry per drawn series, each with a line path that has points
  const legend = await throughput.locator('.recharts-legend-item').count();
  expect(legend).toBe(3);
  // a drawn line (the backfilled history until a second live sample arrives; a lone live point is a dot)
  await expect(throughput.locator('.recharts-line-curve[d*="L"]').first()).toBeVisible();
  for (const d of await throughput
    .locator('.recharts-line-curve')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? '')))
    expect(d.length).toBeGreaterThan(0);
  await expect(page.getByTestId('connection-dot')).toHaveAttribute('data-state', 'serving');
});
