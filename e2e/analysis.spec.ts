/**
 * SQL analysis in SQL detail (issue 7): the offline analyser by default, then an OpenAI-compatible
 * provider (a fake server on 127.0.0.1 started by this spec): streamed answer, then the same analysis
 * served from the 24 h cache (and its key in the suite's Redis). Settings are put back to offline.
 */
import type { Page, Route } from '@playwright/test';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../src/main/llm/testing/fake-openai-server';
import { TopSqlPage } from './pages/top-sql-page';
import { expect, test } from './support/fixtures';

let server: FakeOpenAiServer;
test.beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
test.afterAll(async () => {
  await server?.close();
});

async function saveProvider(page: Page, provider: 'offline' | 'openai-compatible', baseUrl?: string) {
  const panel = page.getByTestId('analysis-panel');
  await panel.getByTestId('analysis-settings').click();
  const form = page.getByTestId('llm-settings-form');
  await form.getByTestId(`llm-provider-${provider}`).click();
  if (baseUrl) {
    await form.getByTestId('llm-base-url').fill(baseUrl);
    await form.getByTestId('llm-load-models').click();
    await expect(form.getByTestId('llm-model-count')).toContainText('2');
    await form.getByTestId('llm-model').fill('model-a');
    await form.getByTestId('llm-test').click();
    await expect(form.getByTestId('llm-test-result')).toHaveAttribute('data-ok', 'true');
  }
  await form.getByTestId('llm-save').click();
  await expect(form).toBeHidden();
}

test('SQL detail: offline findings, then a model answer streamed once and served from the cache', async ({
  console: app,
  redis,
}) => {
  const topSql = new TopSqlPage(app);
  await topSql.open();
  await topSql.openDetail(topSql.rows.first());
  const panel = app.page.getByTestId('analysis-panel');
  await expect(panel.getByTestId('analysis-provider')).toHaveAttribute('data-provider', 'offline');

  // offline analyser (default): findings, never "from cache"
  await panel.getByTestId('analyze-sql').click();
  const result = panel.getByTestId('analysis-result');
  await expect(result).toHaveAttribute('data-provider', 'offline');
  await expect(panel.getByTestId('analysis-origin')).toHaveAttribute('data-from-cache', 'false');
  await expect(panel.getByTestId('analysis-findings')).toBeVisible();
  expect(server.chats).toHaveLength(0);

  try {
    await saveProvider(app.page, 'openai-compatible', server.baseUrl);
    await expect(panel.getByTestId('analysis-provider')).toContainText('model-a');

    await panel.getByTestId('analyze-plan').click();
    await expect(panel.getByTestId('analysis-result')).toHaveAttribute('data-provider', 'openai-compatible');
    await expect(panel.getByTestId('analysis-markdown')).toContainText('Analysis by model-a');
    await expect(panel.getByTestId('analysis-origin')).toHaveAttribute('data-from-cache', 'false');
    expect(server.chats).toHaveLength(1);
    expect(server.chats[0]!.stream).toBe(true);
    const [, keys] = await redis.scan('0', 'MATCH', 'tms:llm:plan:*', 'COUNT', 1000);
    expect(keys.length).toBeGreaterThan(0);

    // the same analysis again: from the cache, no second model call
    await panel.getByTestId('analyze-plan').click();
    await expect(panel.getByTestId('analysis-origin')).toHaveAttribute('data-from-cache', 'true');
    await expect(panel.getByTestId('analysis-origin')).toContainText('From cache');
    expect(server.chats).toHaveLength(1);

    // a streaming answer can be cancelled; nothing is cached, the next try asks the model again
    server.mode = 'hangAfterFirstChunk';
    await panel.getByTestId('analyze-tuning').click();
    await expect(panel.getByTestId('analysis-stream')).toBeVisible();
    await panel.getByTestId('analysis-cancel').click();
    await expect(panel.getByTestId('analysis-cancelled')).toBeVisible();
    server.mode = 'ok';
    await panel.getByTestId('analyze-tuning').click();
    await expect(panel.getByTestId('analysis-origin')).toHaveAttribute('data-from-cache', 'false');
    expect(server.chats).toHaveLength(3);
  } finally {
    server.mode = 'ok';
    await saveProvider(app.page, 'offline');
  }
  await expect(panel.getByTestId('analysis-provider')).toHaveAttribute('data-provider', 'offline');
});

test('Analyse clicked before text and plan arrived: main reads them, same findings as after they arrived; the panel says so', async ({
  console: app,
}) => {
  const page = app.page;
  // hold SQL detail's own text and plan requests: both still "loading" on screen when Analyse is clicked
  const held: Route[] = [];
  let release = false;
  const hold = (route: Route) => (release ? route.continue() : void held.push(route));
  await page.route('**/api/invoke/monitor%3AsqlText', hold);
  await page.route('**/api/invoke/monitor%3AsqlPlan', hold);
  const topSql = new TopSqlPage(app);
  await topSql.open();
  await topSql.openDetail(topSql.rows.first());
  await expect.poll(() => held.length).toBe(2);
  await expect(page.getByTestId('sql-text')).toHaveCount(0);
  await expect(page.getByTestId('sql-plan')).toHaveCount(0);

  const panel = page.getByTestId('analysis-panel');
  const ruleIds = () =>
    panel
      .locator('[data-testid="analysis-findings"] [data-rule]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-rule')}`));
  await panel.getByTestId('analyze-tuning').click();
  const inputs = panel.getByTestId('analysis-inputs');
  await expect(inputs.locator('[data-input="text"]')).toHaveAttribute('data-source', 'fetched');
  await expect(inputs.locator('[data-input="plan"]')).toHaveAttribute('data-source', 'fetched');
  await expect(inputs.locator('[data-input="stats"]')).toBeVisible();
  await expect(panel.getByTestId('analysis-missing')).toHaveCount(0);
  await expect(panel.getByTestId('analysis-origin')).toHaveAttribute('data-origin', 'offline');
  await expect(panel.getByTestId('analysis-computed')).toBeVisible();
  await panel.screenshot({ path: 'e2e/artifacts/analysis-read-by-main.png' });
  const before = await ruleIds();
  // the plan-based rules ran on a plan the screen did not have yet
  expect(before.some((r) => ['FULL_SCAN_LARGE_TABLE', 'LARGE_SORT', 'CARTESIAN_JOIN'].includes(r))).toBe(
    true,
  );

  // let text and plan arrive, analyse again: the screen's are used, the findings are the same
  release = true;
  for (const route of held.splice(0)) await route.continue();
  await expect(page.getByTestId('sql-plan')).toBeVisible();
  await expect(page.getByTestId('sql-text')).toBeVisible();
  await panel.getByTestId('analyze-tuning').click();
  await expect(inputs.locator('[data-input="plan"]')).toHaveAttribute('data-source', 'request');
  await expect(inputs.locator('[data-input="text"]')).toHaveAttribute('data-source', 'request');
  expect(await ruleIds()).toEqual(before);

  // in Korean, the panel says the same in Korean
  await app.setLanguage('ko');
  await expect(inputs).toContainText('분석에 사용한 정보');
  await expect(inputs).toContainText('화면에 표시된 값');
  await expect(panel.getByTestId('analysis-origin')).toContainText('오프라인 규칙');
  await panel.screenshot({ path: 'e2e/artifacts/analysis-read-by-main-ko.png' });
  await app.setLanguage('en');
});
