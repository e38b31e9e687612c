/**
 * Start-up (issue 15): the dashboard's tiles show as soon as their data is there: they do not wait for
 * the chart code, nor for the connection list (the remembered connection is used at once).
 */
import type { Route } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { expect, test } from './support/fixtures';

/** Holds matching requests until released (what a slow network or a busy main would do). */
function holdRequests() {
  const held: Route[] = [];
  let released = false;
  return {
    handler: async (route: Route) => {
      if (released) await route.continue();
      else held.push(route);
    },
    get count() {
      return held.length;
    },
    release: async () => {
      released = true;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

test.describe('start-up', () => {
  test('dashboard tiles show while the chart code has not loaded', async ({ console: app, page }) => {
    // the chart module and the chart library's chunk
    const charts = holdRequests();
    await page.route(/\/assets\/(DashboardCharts|es6)-[^/]*\.js$/, charts.handler);
    await page.reload();
    const dash = new DashboardPage(app);
    await expect(dash.tiles.first()).toBeVisible();
    await expect(dash.tileValue('sessionsTotal')).toHaveText(/[1-9]/);
    expect(charts.count).toBeGreaterThan(0);
    await expect(dash.realtimeCharts).toHaveCount(0);
    await charts.release();
    await expect(dash.waitClassBars).toBeVisible();
    await expect(dash.realtimeCharts).toBeVisible();
  });

  test('the views start with the remembered connection, not after the connection list', async ({
    console: app,
    page,
  }) => {
    const dash = new DashboardPage(app);
    await expect(dash.tiles.first()).toBeVisible(); // first load: remembers the active connection
    const list = holdRequests();
    await page.route(/\/api\/invoke\/connections%3Alist$/, list.handler);
    await page.reload();
    await expect(dash.tileValue('sessionsTotal')).toHaveText(/[1-9]/);
    expect(list.count).toBeGreaterThan(0); // the list has not answered yet
    await list.release();
    await expect(dash.tileValue('sessionsTotal')).toHaveText(/[1-9]/);
  });

  test("the first view's data is asked for while its code is still loading", async ({
    console: app,
    page,
  }) => {
    await app.goTo('sessions');
    await expect(page.getByTestId('sessions-row').first()).toBeVisible();
    // fresh data (no refresh falls due during the test), then leave the page: its own refreshes must not
    // be counted as the new page's requests
    await app.refreshView();
    await expect(app.dataOrigin).toHaveAttribute('data-origin', 'oracle');
    await page.goto('about:blank');
    const code = holdRequests();
    await page.route(/\/assets\/SessionsView-[^/]*\.js$/, code.handler);
    const asked: string[] = [];
    page.on('request', (r) => {
      // the first page (offset 0); the next page follows once it is shown
      if (r.url().includes('monitor%3AsessionsWindow') && /"offset":0\b/.test(r.postData() ?? ''))
        asked.push(r.url());
    });
    // the same tab: the session token is still in its sessionStorage
    await page.goto(`${process.env.TMS_E2E_URL}#/sessions`);
    await expect.poll(() => code.count).toBeGreaterThan(0);
    await expect.poll(() => asked.length).toBeGreaterThan(0); // before the view's code arrived
    const before = asked.length;
    await code.release();
    await expect(page.getByTestId('sessions-row').first()).toBeVisible();
    // the view used that answer: its rows came without a second request for the same first page (a
    // refresh in step with the TTL may follow later, which is not what this checks)
    expect(before).toBe(1);
    expect(asked.length).toBe(1);
  });
});
