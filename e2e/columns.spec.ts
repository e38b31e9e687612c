/**
 * Issue 15: the shared column manager. At 1280 × 800 the key columns of sessions, locks and top SQL
 * are on screen (the blocker's kill button and SQL ID included); the DBA shows, hides, resizes and
 * reorders columns and finds them so after a reload; identifying columns stay put while the table
 * scrolls sideways.
 */
import { ColumnMenu } from './pages/column-menu';
import { LocksPage } from './pages/locks-page';
import { SessionsPage } from './pages/sessions-page';
import { TopSqlPage } from './pages/top-sql-page';
import { expect, test } from './support/fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

/** the element is fully inside the visible part of its scroll container */
async function fullyVisibleIn(
  el: import('@playwright/test').Locator,
  container: import('@playwright/test').Locator,
) {
  const [a, b] = await Promise.all([el.boundingBox(), container.boundingBox()]);
  return !!a && !!b && a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1;
}

test.describe('column manager', () => {
  test('locks: every blocker kill button and SQL ID is on screen without scrolling sideways', async ({
    console: app,
  }) => {
    const locks = new LocksPage(app);
    await locks.open();
    await expect(locks.roots.first()).toBeVisible();
    const scroll = locks.root.getByTestId('lock-tree-scroll');
    expect(await scroll.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    for (const root of await locks.roots.all()) {
      expect(await fullyVisibleIn(root.getByTestId('kill-blocker'), scroll)).toBe(true);
      expect(await fullyVisibleIn(root.getByTestId('lock-sql-id'), scroll)).toBe(true);
    }
  });

  test('top SQL: SQL ID, text and the sorted column fit; the window is labelled', async ({
    console: app,
  }) => {
    const top = new TopSqlPage(app);
    await top.open();
    await expect(top.rows.first()).toBeVisible();
    const note = top.root.getByTestId('top-sql-cumulative-note');
    await expect(note).toContainText('since each cursor was loaded');
    await expect(note).toHaveAttribute('title', /cumulative since each statement was loaded/);
    await top.setOrder('diskReads');
    const menu = new ColumnMenu(app.page, top.root);
    await expect(menu.cell('diskReads')).toBeVisible();
    const scroll = top.root.getByTestId('top-sql-table-scroll');
    expect(await scroll.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
  });

  test('sessions: hide, reorder and resize are remembered; SID and kill stay at the left edge', async ({
    console: app,
    page,
  }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.rows.first()).toBeVisible();
    const menu = new ColumnMenu(page, sessions.root);

    await menu.setShown('username', false);
    await expect(menu.cell('username')).toHaveCount(0);
    const before = await menu.order();
    await menu.moveEarlier('sqlId');
    const after = await menu.order();
    expect(after.indexOf('sqlId')).toBe(before.indexOf('sqlId') - 1);
    await menu.close();
    const width = await menu.width('event');
    await menu.resizeBy('event', -3);
    await expect.poll(() => menu.width('event')).toBe(width - 48);
    const resized = await menu.width('event');

    await page.reload();
    await expect(sessions.rows.first()).toBeVisible();
    await expect(menu.cell('username')).toHaveCount(0);
    expect(await menu.order()).toEqual(after);
    await menu.close();
    expect(await menu.width('event')).toBe(resized);

    // show every column: the table now scrolls sideways, SID and kill stay in view
    for (const id of await menu.order()) await menu.setShown(id, true);
    await menu.close();
    const scroll = sessions.scroller;
    expect(await scroll.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await scroll.evaluate((e) => {
      e.scrollLeft = e.scrollWidth;
    });
    const firstRow = sessions.rows.first();
    expect(await fullyVisibleIn(firstRow.getByTestId('kill'), scroll)).toBe(true);
    expect(await fullyVisibleIn(menu.cell('sid'), scroll)).toBe(true);

    await menu.open();
    await page.getByTestId('column-menu-reset').click();
    await menu.close();
    expect(await scroll.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
  });
});

test.describe('sessions cells at 1512 × 982 (the wait columns shown)', () => {
  test.use({ viewport: { width: 1512, height: 982 } });

  test('sessions: a cell is clipped only when its text is wider than the cell; no text spills', async ({
    console: app,
    page,
  }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.rows.first()).toBeVisible();
    // cells as drawn: whether they clip, and whether their text runs past the cell's padding box
    const cells = () =>
      sessions.root.locator('[data-testid="sessions-row"] .vcell').evaluateAll((els) =>
        els.map((e) => ({
          clipped: getComputedStyle(e).overflowX !== 'visible',
          ellipsis: getComputedStyle(e).textOverflow === 'ellipsis',
          spills: e.scrollWidth > e.clientWidth + 1,
          text: e.textContent ?? '',
        })),
      );
    const wide = await cells();
    // most cells fit at the default widths and draw without a clip (the scrolled frame's cost)
    expect(wide.filter((c) => !c.clipped).length).toBeGreaterThan(wide.length / 2);
    for (const c of wide) if (c.spills) expect(c, c.text).toMatchObject({ clipped: true, ellipsis: true });
    // the wait columns show whole durations (narrow Intl units), not "15 min, 4…"
    const durations = wide.filter((c) => /^\d+(s|m \d+s|m|h \d+m|h|d \d+h|d)$/.test(c.text));
    expect(durations.length).toBeGreaterThan(0);
    for (const c of durations) expect(c, c.text).toMatchObject({ spills: false });

    // the event column narrowed to its minimum: its long names are clipped with the ellipsis
    const menu = new ColumnMenu(page, sessions.root);
    await menu.resizeBy('event', -10);
    await expect.poll(async () => (await cells()).filter((c) => c.spills).length).toBeGreaterThan(0);
    for (const c of await cells())
      if (c.spills) expect(c, c.text).toMatchObject({ clipped: true, ellipsis: true });
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('tms.columns.')) localStorage.removeItem(k);
    });
  });
});
