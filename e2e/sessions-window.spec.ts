/**
 * Sessions at 10,000 (issue 15): main filters, sorts and pages the cached snapshot; the renderer receives
 * only the windows it shows, and still reaches every row of the list.
 */
import { SessionsPage } from './pages/sessions-page';
import { expect, test } from './support/fixtures';

test.describe('sessions window', () => {
  test('answers are windows (not the whole list), and scrolling reaches the last row', async ({
    console: app,
    page,
  }) => {
    const answers: { bytes: number; rows: number; total: number }[] = [];
    page.on('response', async (response) => {
      if (!response.url().includes('monitor%3AsessionsWindow')) return;
      const body = await response.body().catch(() => null);
      if (!body) return;
      const parsed = JSON.parse(body.toString()) as {
        ok: boolean;
        data?: { data: { rows: unknown[]; total: number } };
      };
      if (parsed.ok && parsed.data)
        answers.push({
          bytes: body.length,
          rows: parsed.data.data.rows.length,
          total: parsed.data.data.total,
        });
    });
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.rows.first()).toBeVisible();
    const total = await sessions.totalSessions();
    expect(total).toBeGreaterThan(100);
    await expect.poll(() => answers.length).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a.total).toBe(total);
      expect(a.rows).toBeLessThanOrEqual(50); // one page
      expect(a.bytes).toBeLessThan(60_000);
    }
    // the bottom of the list: its rows are loaded on demand
    await sessions.scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(
      sessions.root.locator(`[data-testid="sessions-row"][data-index="${total - 1}"]`),
    ).toBeVisible();
    // the sort covers the whole list: descending SID starts with the largest SID of all sessions
    await sessions.scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
    await sessions.sortBy('sid');
    await sessions.sortBy('sid');
    await expect(sessions.root.getByTestId('col-sid')).toHaveAttribute('data-sort', 'desc');
    await expect
      .poll(async () => Number(await sessions.rows.first().getAttribute('data-sid')))
      .toBeGreaterThanOrEqual(total);
  });
});
