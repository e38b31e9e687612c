/**
 * Cache panel figures (issue 15): each defined once in main, shown consistently, and explained on screen;
 * lookups against an unreachable connection are failed lookups, not misses.
 */
import type { Page } from '@playwright/test';
import { CachePage } from './pages/cache-page';
import { expect, test } from './support/fixtures';

async function invoke(
  page: Page,
  channel: string,
  request: unknown,
): Promise<{ ok: boolean; data?: unknown }> {
  return page.evaluate(
    async ({ channel, request }) => {
      const token = sessionStorage.getItem('tms.webToken') ?? '';
      const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tms-token': token },
        body: JSON.stringify(request),
      });
      return (await res.json()) as { ok: boolean; data?: unknown };
    },
    { channel, request },
  );
}

const numberOf = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-value'));

test.describe('cache panel figures', () => {
  test('failed lookups are counted apart, avoided never exceeds lookups, every figure is explained', async ({
    console: app,
    page,
  }) => {
    const added = await invoke(page, 'connections:add', {
      name: 'Unreachable (e2e)',
      kind: 'oracle',
      connect: { method: 'easy', connectString: '127.0.0.1:1/NOWHERE' },
      user: 'monitor',
      password: 'not-a-secret',
    });
    expect(added.ok).toBe(true);
    const connId = (added.data as { profile: { id: string } }).profile.id;
    try {
      const cache = new CachePage(app);
      await cache.open();
      const before = await cache.hitReadingAfter(Date.now());
      const failedBefore = await numberOf(page, 'hit-failed');
      for (let i = 0; i < 3; i++) {
        const r = await invoke(page, 'monitor:health', { connId });
        expect(r.ok).toBe(false);
      }
      const after = await cache.hitReadingAfter(Date.now());
      expect(await numberOf(page, 'hit-failed')).toBeGreaterThanOrEqual(failedBefore + 3);
      // the failed reads are not lookups: no lookup was added for them (other views may add a few hits)
      const ratioAfter = after.ratio ?? 1;
      expect(ratioAfter).toBeGreaterThanOrEqual(Math.min(before.ratio ?? 1, 1) - 0.05);
      expect(await numberOf(page, 'oracle-avoided')).toBeLessThanOrEqual(after.lookups);

      const definitions = page.getByTestId('hit-definitions');
      await expect(definitions).toBeVisible();
      await expect(definitions.locator('dt')).toHaveCount(7);
      await expect(definitions).toContainText('Failed lookups');
      await app.setLanguage('ko');
      await expect(definitions).toContainText('실패한 조회');
      await expect(definitions).toContainText('각 수치가 세는 것');
    } finally {
      if (connId) await invoke(page, 'connections:delete', { id: connId });
    }
  });
});
