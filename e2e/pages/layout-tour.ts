import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsolePage } from './console-page';

/** One screen of the layout tour: how to reach it and what says its data is on screen. */
export interface TourStop {
  name: string;
  open: (app: ConsolePage) => Promise<void>;
  ready: (page: Page) => Locator;
}

const view =
  (id: string): TourStop['open'] =>
  async (app) => {
    await app.goTo(id);
    await expect(app.page.getByTestId(`view-${id}`)).toBeVisible();
  };

/** Every view (and the panels inside views that change the layout: SQL detail, cache tabs). */
export const TOUR: TourStop[] = [
  { name: 'dashboard', open: view('dashboard'), ready: (p) => p.getByTestId('realtime-charts') },
  { name: 'sessions', open: view('sessions'), ready: (p) => p.getByTestId('sessions-row').first() },
  { name: 'locks', open: view('locks'), ready: (p) => p.getByTestId('lock-root').first() },
  { name: 'waits', open: view('waits'), ready: (p) => p.getByTestId('wait-event-row').first() },
  { name: 'top-sql', open: view('top-sql'), ready: (p) => p.getByTestId('top-sql-row').first() },
  {
    name: 'sql-detail',
    open: async (app) => {
      await view('top-sql')(app);
      const row = app.page.getByTestId('top-sql-row').first();
      await row.click();
      await expect(app.page.getByTestId('sql-detail')).toBeVisible();
    },
    ready: (p) => p.getByTestId('sql-plan'),
  },
  {
    name: 'schemas',
    open: async (app) => {
      await view('schemas')(app);
      await app.page.getByTestId('schema-item').first().click();
      await app.page.getByTestId('table-item').first().click();
    },
    ready: (p) => p.getByTestId('column-item').first(),
  },
  { name: 'activity', open: view('activity'), ready: (p) => p.getByTestId('aas-chart') },
  { name: 'trends', open: view('trends'), ready: (p) => p.getByTestId('trend-summary') },
  {
    name: 'cache',
    open: async (app) => {
      await app.goTo('cache');
    },
    ready: (p) => p.getByTestId('hit-ratio'),
  },
  {
    name: 'cache-keys',
    open: async (app) => {
      await app.goTo('cache');
      await app.page.getByTestId('cache-tab-keys').click();
    },
    ready: (p) =>
      p.getByTestId('cache-panel').locator('[data-testid="key-row"], [data-testid="empty"]').first(),
  },
  {
    name: 'cache-ttl',
    open: async (app) => {
      await app.goTo('cache');
      await app.page.getByTestId('cache-tab-ttl').click();
    },
    ready: (p) => p.getByTestId('cache-panel').locator('table').first(),
  },
  // issue 17
  { name: 'space', open: view('space'), ready: (p) => p.getByTestId('temp-user-row').first() },
  { name: 'limits', open: view('limits'), ready: (p) => p.getByTestId('limit-row').first() },
  {
    // issue 17: the session drill-down drawer over the lock tree (locks, transaction, waits, rates)
    name: 'session-drilldown',
    open: async (app) => {
      await view('locks')(app);
      await app.page.getByTestId('lock-root').first().getByTestId('sid-link').first().click();
      await expect(app.page.getByTestId('session-drawer')).toBeVisible();
    },
    ready: (p) => p.getByTestId('sd-locks'),
  },
  { name: 'memory-io', open: view('memory-io'), ready: (p) => p.getByTestId('memory-io-row').first() },
  { name: 'alert-log', open: view('alert-log'), ready: (p) => p.getByTestId('alert-row').first() },
  { name: 'long-ops', open: view('long-ops'), ready: (p) => p.getByTestId('longop-row').first() },
  { name: 'alerts', open: view('alerts'), ready: (p) => p.getByTestId('alert-thresholds') },
  {
    // issue 15: a table's indexes and constraints (SALES.ORDERS has both)
    name: 'schemas-indexes',
    open: async (app) => {
      await view('schemas')(app);
      await app.page.locator('[data-testid="schema-item"][data-name="SALES"]').click();
      await app.page.locator('[data-testid="table-item"][data-name="ORDERS"]').click();
      await app.page.getByTestId('table-tab-indexes').click();
    },
    ready: (p) => p.getByTestId('index-item').first(),
  },
  {
    name: 'schemas-constraints',
    open: async (app) => {
      await view('schemas')(app);
      await app.page.locator('[data-testid="schema-item"][data-name="SALES"]').click();
      await app.page.locator('[data-testid="table-item"][data-name="ORDERS"]').click();
      await app.page.getByTestId('table-tab-constraints').click();
    },
    ready: (p) => p.getByTestId('constraint-item').first(),
  },
];

/** Wait until the screen is steady: its data is there, nothing is loading, fonts are in. */
export async function settle(page: Page, stop: TourStop): Promise<void> {
  await expect(stop.ready(page)).toBeVisible();
  await expect(page.getByTestId('content').getByTestId('loading')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // two frames: ResizeObserver-driven column layouts and charts have measured
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}
