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
  redis,
}) => {
  test.setTimeout(420_000);
  // the two consoles are visited in turn in one page (one renderer at a time on a busy machine)
  const other = new ConsolePage(app.page, second.url, SECOND_TOKEN);
  const one = new AlertsPage(app);
  const two = new AlertsPage(other);
  const visitOne = async () => {
    await app.open();
    await one.open();
  };
  const visitTwo = async () => {
    await other.open();
    await two.open();
  };

  await visitOne();
  await expect(one.title).toHaveText('Alerts');
  await expect(one.status).toHaveAttribute('data-source', 'shared');
  // the demo's blocking chains wait for minutes: the evaluator opens a blocked-sessions alert
  await expect(one.openAlert('blockedSessions').first()).toBeVisible({ timeout: 30_000 });
  // the longest-standing chain: each console's demo is its own process, started at its own time, and a
  // young chain (waiting about as long as the second console has run) is over the line in one demo and
  // under it in the other, so its alert opens and clears as the consoles take turns refreshing the locks
  const subject = await one.worstSubject('blockedSessions');
  const rowOne = one.openAlert('blockedSessions', subject);
  await expect(rowOne).toBeVisible();
  const id = (await rowOne.getAttribute('data-id'))!;
  const started = (await one.startedAt(rowOne).getAttribute('data-at'))!;
  expect(Number(started)).toBeGreaterThan(0);
  await expect(one.startedAt(rowOne)).toHaveText(/\d{2}:\d{2}:\d{2}/);
  await expect(one.badge).not.toHaveAttribute('data-count', '0');
  const selfOne = await one.evaluator.getAttribute('data-self');
  // the state lives in Redis under the connection's alerts keys
  expect(await redis.hlen('tms:demo:alerts:{demo}:open')).toBeGreaterThan(0);

  // the second console shows the same alert (same id, same start time) and acknowledges it
  await visitTwo();
  const rowTwo = two.openAlert('blockedSessions', subject);
  await expect(rowTwo).toBeVisible({ timeout: 30_000 });
  await expect(rowTwo).toHaveAttribute('data-id', id);
  await expect(two.startedAt(rowTwo)).toHaveAttribute('data-at', started);
  await expect(two.badge).not.toHaveAttribute('data-count', '0');
  // evaluated once for the team: exactly one of the two consoles says it evaluated
  const selfTwo = await two.evaluator.getAttribute('data-self');
  expect([selfOne, selfTwo].sort()).toEqual(['false', 'true']);
  await two.ackButton(rowTwo).click();
  await expect(two.acked(rowTwo)).toHaveAttribute('data-by', SECOND_NAME);

  // the first console shows who acknowledged; its mute is its own
  await visitOne();
  await expect(one.acked(rowOne)).toHaveAttribute('data-by', SECOND_NAME, { timeout: 30_000 });
  await expect(one.acked(rowOne)).toContainText(SECOND_NAME);
  await one.mute(rowOne).check();
  await expect(one.mute(rowOne)).toBeChecked();

  // thresholds edited on the first console
  await one.setThreshold('tablespace', '80');
  expect(JSON.parse((await redis.hget('tms:config:alerts', 'tablespace'))!)).toMatchObject({ threshold: 80 });
  // out of range: refused with a message, nothing saved
  await one.thresholdValue('tablespace').fill('150');
  await one.root.getByTestId('thresholds-save').click();
  await expect(one.error).toBeVisible();
  expect(JSON.parse((await redis.hget('tms:config:alerts', 'tablespace'))!)).toMatchObject({ threshold: 80 });
  await app.screenshot('alerts-en');

  // … are seen by the second console, where the mute is not set
  await visitTwo();
  await expect(two.thresholdValue('tablespace')).toHaveValue('80');
  await expect(two.mute(two.openAlert('blockedSessions', subject))).not.toBeChecked();

  // Korean: the same view, worded in Korean
  await other.setLanguage('ko');
  await expect(two.title).toHaveText('알림');
  await expect(two.root.getByText('열린 알림')).toBeVisible();
  await expect(two.openAlert('blockedSessions', subject)).toContainText('세션 블로킹 지속 시간');
  await expect(two.thresholdRow('tablespace')).toContainText('테이블스페이스');
  await expect(two.acked(two.openAlert('blockedSessions', subject))).toContainText(SECOND_NAME);
  await other.screenshot('alerts-ko');
  await other.setLanguage('en');

  await two.resetThresholds();
  await expect(two.thresholdValue('tablespace')).toHaveValue('90');
  await visitOne();
  await one.mute(one.openAlert('blockedSessions', subject)).uncheck();
});
