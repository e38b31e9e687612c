/**
 * Alerts (issue 17) in browser mode with TWO consoles on the suite's Redis: the team's one evaluator
 * opens an alert for the demo's blocking chains (sessions blocked far longer than 60 s), both consoles
 * show it with the same start time, an acknowledgement on one is seen on the other with the name, and
 * thresholds edited on one console reach the other. English and Korean, with screenshots.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedConsole, spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { AlertsPage } from './pages/alerts-page';
import { ConsolePage } from './pages/console-page';
import { expect, test } from './support/fixtures';

const SECOND_TOKEN = 'e2e-alerts-second-0123456789abcdef';
const SECOND_NAME = 'dba-two';

let second: SpawnedConsole;
let secondDir: string;

test.beforeAll(async () => {
  secondDir = mkdtempSync(join(tmpdir(), 'tms-e2e-alerts-'));
  second = await spawnWebConsole({
    env: {
      REDIS_URL: process.env.TMS_E2E_REDIS_URL!,
      TMS_DATA_DIR: secondDir,
      TMS_WEB_TOKEN: SECOND_TOKEN,
      TMS_DISPLAY_NAME: SECOND_NAME,
      TMS_DEMO_LATENCY_SCALE: '0.05',
    },
  });
});

test.afterAll(async () => {
  await second?.stop();
  if (secondDir) rmSync(secondDir, { recursive: true, force: true });
});

test('an alert opened by the team evaluator shows on both consoles; ack and thresholds are shared', async ({
  console: app,
  browser,
  redis,
}) => {
  test.setTimeout(240_000);
  const otherContext = await browser.newContext();
  const other = new ConsolePage(await otherContext.newPage(), second.url, SECOND_TOKEN);
  await other.open();
  const one = new AlertsPage(app);
  const two = new AlertsPage(other);
  // two pages in one headless browser: the one in front gets animation frames (actions wait for them)
  await app.page.bringToFront();
  await one.open();
  await other.page.bringToFront();
  await two.open();
  await expect(one.title).toHaveText('Alerts');
  await expect(one.status).toHaveAttribute('data-source', 'shared');

  // the demo's blocking chains wait for minutes: the evaluator opens a blocked-sessions alert
  const rowOne = one.openAlert('blockedSessions').first();
  await expect(rowOne).toBeVisible({ timeout: 30_000 });
  const subject = (await rowOne.getAttribute('data-subject'))!;
  const rowTwo = two.openAlert('blockedSessions', subject);
  await expect(rowTwo).toBeVisible({ timeout: 30_000 });
  // the same alert on both: same id, same start time
  expect(await rowTwo.getAttribute('data-id')).toBe(await rowOne.getAttribute('data-id'));
  const started = await one.startedAt(rowOne).getAttribute('data-at');
  expect(Number(started)).toBeGreaterThan(0);
  await expect(two.startedAt(rowTwo)).toHaveAttribute('data-at', started!);
  await expect(one.startedAt(rowOne)).toHaveText(/\d{2}:\d{2}:\d{2}/);
  // evaluated once for the team: exactly one of the two consoles says it evaluated
  const selves = [
    await one.evaluator.getAttribute('data-self'),
    await two.evaluator.getAttribute('data-self'),
  ];
  expect(selves.sort()).toEqual(['false', 'true']);
  // the header badge counts the open alerts on both
  await expect(one.badge).not.toHaveAttribute('data-count', '0');
  await expect(two.badge).not.toHaveAttribute('data-count', '0');
  // the state lives in Redis under the connection's alerts keys
  expect(await redis.hlen('tms:demo:alerts:{demo}:open')).toBeGreaterThan(0);

  // acknowledged on the second console, seen on the first with the name
  await other.page.bringToFront();
  await two.ackButton(rowTwo).click();
  await app.page.bringToFront();
  await expect(two.acked(rowTwo)).toHaveAttribute('data-by', SECOND_NAME);
  await expect(one.acked(rowOne)).toHaveAttribute('data-by', SECOND_NAME, { timeout: 30_000 });
  await expect(one.acked(rowOne)).toContainText(SECOND_NAME);

  // mute is this console's own: muted on one, not on two
  await one.mute(rowOne).check();
  await expect(one.mute(rowOne)).toBeChecked();
  await expect(two.mute(rowTwo)).not.toBeChecked();

  // thresholds edited on the first console reach the second
  await one.setThreshold('tablespace', '80');
  await expect(two.thresholdValue('tablespace')).toHaveValue('80', { timeout: 30_000 });
  expect(JSON.parse((await redis.hget('tms:config:alerts', 'tablespace'))!)).toMatchObject({ threshold: 80 });
  // out of range: refused with a message, nothing saved
  await one.thresholdValue('tablespace').fill('150');
  await one.root.getByTestId('thresholds-save').click();
  await expect(one.error).toBeVisible();
  expect(JSON.parse((await redis.hget('tms:config:alerts', 'tablespace'))!)).toMatchObject({ threshold: 80 });
  await app.screenshot('alerts-en');

  // Korean: the same view, worded in Korean
  await app.setLanguage('ko');
  await expect(one.title).toHaveText('알림');
  await expect(one.root.getByText('열린 알림')).toBeVisible();
  await expect(one.openAlert('blockedSessions', subject)).toContainText('세션 블로킹 지속 시간');
  await expect(one.thresholdRow('tablespace')).toContainText('테이블스페이스');
  await app.screenshot('alerts-ko');
  await app.setLanguage('en');

  await one.resetThresholds();
  await expect(two.thresholdValue('tablespace')).toHaveValue('90', { timeout: 30_000 });
  await one.mute(rowOne).uncheck();
  await otherContext.close();
});
