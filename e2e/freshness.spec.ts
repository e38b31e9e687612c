/**
 * Data no older than its TTL (issue 15): views read again in step with the answer's expiry (storedAt +
 * TTL, the cache refreshing ahead of it), and the header's label follows the TTL policy when it changes.
 */
import type { Page } from '@playwright/test';
import { SessionsPage } from './pages/sessions-page';
import { expect, test } from './support/fixtures';

async function invoke(page: Page, channel: string, request: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ channel, request }) => {
      const token = sessionStorage.getItem('tms.webToken') ?? '';
      const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tms-token': token },
        body: JSON.stringify(request),
      });
      const body = (await res.json()) as { ok: boolean; data?: unknown; error?: unknown };
      if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
      return body.data;
    },
    { channel, request },
  );
}

test.describe('freshness', () => {
  test('a 4 s TTL: the sessions view shows nothing older than 4 s and says so', async ({
    console: app,
    page,
  }) => {
    const TTL = 4;
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.root.getByTestId('auto-refresh')).toHaveText(/auto-refresh as its \d+ s TTL ends/);
    // the view is open when the policy changes: it re-times itself and says so at once
    await invoke(page, 'cache:setTtl', { resource: 'sessions', ttl: TTL, l1Ttl: 1, grace: TTL });
    try {
      const answers: { at: number; storedAt: number }[] = [];
      page.on('response', async (response) => {
        if (!response.url().includes('monitor%3AsessionsWindow')) return;
        const body = (await response.json().catch(() => null)) as {
          ok: boolean;
          data?: { cache: { storedAt: number } };
        } | null;
        if (body?.ok && body.data) answers.push({ at: Date.now(), storedAt: body.data.cache.storedAt });
      });
      const sessions = new SessionsPage(app);
      await sessions.open();
      await expect(sessions.root.getByTestId('auto-refresh')).toHaveText(
        `auto-refresh as its ${TTL} s TTL ends`,
      );
      const start = Date.now();
      await page.waitForTimeout(13_000);
      // the age of what was on screen each time a newer sample replaced it, and now
      const shownAges: number[] = [];
      let shown: number | undefined;
      for (const a of answers.filter((x) => x.at >= start)) {
        if (shown !== undefined && a.storedAt > shown) shownAges.push(a.at - shown);
        shown = Math.max(shown ?? 0, a.storedAt);
      }
      if (shown !== undefined) shownAges.push(Date.now() - shown);
      expect(shownAges.length).toBeGreaterThanOrEqual(3); // it did refresh, several times
      // TTL + the re-read after the refresh ahead (250 ms) + a loaded machine's slack
      expect(Math.max(...shownAges)).toBeLessThan((TTL + 1.5) * 1000);
    } finally {
      await invoke(page, 'cache:resetTtl', { resource: 'sessions' });
    }
  });
});
