import { expect, test } from './support/fixtures';

test.describe('foundation', () => {
  test('the console opens in browser mode with every view in the sidebar and the Redis state', async ({
    console: app,
  }) => {
    for (const view of ['dashboard', 'sessions', 'locks', 'waits', 'top-sql', 'schemas', 'trends', 'cache']) {
      await expect(app.nav(view)).toBeVisible();
    }
    await expect(app.redisState).toHaveAttribute('data-state', 'closed');
  });

  test('the API refuses a request without the session token', async ({ request }) => {
    const res = await request.post(`${process.env.TMS_E2E_URL}api/invoke/app:info`, { data: {} });
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
