/**
 * Issue 5: the DBA's views in browser mode against the built-in Demo connection — every view shows
 * real data, refresh bypasses the cache (age and origin change), kill removes a session, the
 * connection switcher adds/tests/switches, Korean and English. Screenshots land in e2e/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { ConnectionSwitcherPage } from './pages/connection-switcher-page';
import { DashboardPage } from './pages/dashboard-page';
import { LocksPage } from './pages/locks-page';
import { SchemasPage } from './pages/schemas-page';
import { SessionsPage } from './pages/sessions-page';
import { TopSqlPage } from './pages/top-sql-page';
import { TrendsPage } from './pages/trends-page';
import { WaitsPage } from './pages/waits-page';
import { expect, test } from './support/fixtures';

mkdirSync('e2e/artifacts', { recursive: true });

test.describe('views (demo connection)', () => {
  test('dashboard: metric tiles with units, realtime charts, wait classes', async ({ console: app }) => {
    const dash = new DashboardPage(app);
    await expect(dash.root).toBeVisible();
    await expect(app.connectionSwitcher).toContainText('Demo');
    await expect(dash.tiles.first()).toBeVisible();
    expect(await dash.tiles.count()).toBeGreaterThanOrEqual(12);
    await expect(dash.tileValue('aas')).toHaveText(/\d/);
    await expect(dash.tileValue('hostCpu')).toHaveText(/\d.*%/);
    await expect(dash.tileValue('logicalReads')).toContainText('blocks/s');
    await expect(dash.tileValue('sessionsTotal')).toHaveText(/[1-9]/);
    await expect(dash.waitClassBars.locator('.recharts-bar-rectangle').first()).toBeVisible();
    // a drawn line (the backfilled history until a second live sample arrives)
    await expect(dash.realtimeCharts.locator('.recharts-line-curve[d*="L"]').first()).toBeVisible();
    await app.screenshot('dashboard');
  });

  test('schemas: the indexes and constraints in English and Korean; the dates are labelled', async ({
    console: app,
  }) => {
    const schemas = new SchemasPage(app);
    await schemas.open();
    // the dates are labelled: schema creation, statistics gathering (nothing else checked these before)
    await expect(schemas.root.getByTestId('schemas-pane')).toContainText('Created');
    await expect(schemas.root.getByTestId('schema-created').first()).toHaveAttribute('title', /^Created /);
    await schemas.openTable('SALES', 'ORDERS');
    // the table's statistics date sits under its label (the list's date column gives way first when narrow)
    await expect(schemas.tableInfo).toContainText('Last analyzed');

    await schemas.tab('indexes').click();
    await expect(schemas.tab('indexes')).toHaveAttribute('aria-selected', 'true');
    const byCustomer = schemas.index('ORDERS_CUST_IX');
    await expect(byCustomer).toContainText('CUSTOMER_ID');
    await expect(byCustomer).toContainText('248,000'); // DISTINCT_KEYS ≤ CUSTOMERS' 250,000 rows
    await expect(schemas.index('ORDERS_PK')).toContainText('unique');
    await expect(schemas.root.getByTestId('indexes-table')).toContainText('Last analyzed');
    await expect(schemas.root.getByTestId('columns-pane').getByTestId('data-origin')).toBeVisible();

    await schemas.tab('constraints').click();
    await expect(schemas.constraint('ORDERS_PK')).toContainText('Primary key');
    const fk = schemas.constraint('ORDERS_CUST_FK');
    await expect(fk).toContainText('Foreign key');
    await expect(fk).toContainText('SALES.CUSTOMERS (CUSTOMERS_PK)');
    await expect(schemas.constraint('ORDERS_STATUS_CK')).toContainText("status IN ('OPEN'");
    await app.screenshot('schemas-constraints');

    await app.setLanguage('ko');
    await expect(schemas.tab('constraints')).toHaveText('제약 조건');
    await expect(fk).toContainText('외래 키');
    await expect(schemas.constraint('ORDERS_PK')).toContainText('기본 키');
    await schemas.tab('indexes').click();
    await expect(schemas.tab('indexes')).toHaveText('인덱스');
    await expect(schemas.root.getByTestId('indexes-table')).toContainText('마지막 통계 수집');
    await expect(schemas.root.getByTestId('indexes-table')).toContainText('고유 키 수');
    await expect(schemas.root.getByTestId('schemas-pane')).toContainText('생성일');
    await expect(schemas.tableInfo).toContainText('마지막 통계 수집');
    await app.setLanguage('en');
  });

  test('sessions: sortable, filterable, blockers highlighted; SQL id opens SQL detail', async ({
    console: app,
  }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.rows.first()).toBeVisible();
    const total = await sessions.totalSessions();
    expect(total).toBeGreaterThan(50);
    // virtualized: far fewer rows in the DOM than sessions
    expect(await sessions.rows.count()).toBeLessThan(total);

    await sessions.sortBy('sid');
    const firstSid = Number(await sessions.rows.first().getAttribute('data-sid'));
    await sessions.sortBy('sid');
    const firstSidDesc = Number(await sessions.rows.first().getAttribute('data-sid'));
    expect(firstSidDesc).toBeGreaterThan(firstSid);

    await sessions.filter.fill('INACTIVE');
    await expect.poll(() => sessions.shownSessions()).toBeLessThan(total);
    await sessions.filter.fill('');
    await sessions.root.getByTestId('sessions-blocking-filter').check();
    await expect.poll(() => sessions.shownSessions()).toBeLessThan(20);
    // blockers are highlighted, blocked rows say by whom
    await expect(
      sessions.root.locator('[data-testid="sessions-row"][data-blocker="true"]').first(),
    ).toBeVisible();
    await expect(
      sessions.root
        .locator('[data-testid="sessions-row"][data-blocked="true"]')
        .first()
        .getByTestId('blocked-by'),
    ).toBeVisible();
    await sessions.root.getByTestId('sessions-blocking-filter').uncheck();
    await app.screenshot('sessions');

    const sqlLink = sessions.root.getByTestId('sql-id').first();
    const sqlId = (await sqlLink.textContent())?.trim() ?? '';
    await sqlLink.click();
    const topSql = new TopSqlPage(app);
    await expect(topSql.detail).toHaveAttribute('data-sql-id', sqlId);
  });

  test('locks: the blocking tree, and killing the root blocker releases its waiters', async ({
    console: app,
  }) => {
    const locks = new LocksPage(app);
    await locks.open();
    await expect(locks.roots.first()).toBeVisible();
    await expect(locks.waiters.first()).toBeVisible();
    await expect(locks.tree).toContainText(/Exclusive|Row-X|Share/);
    // objects by name and type, not object numbers (issue 15)
    await expect(locks.objects.first()).toHaveText(/^[A-Z_]+\.[A-Z_]+ · (TABLE|INDEX)/);
    await expect(locks.tmObjects.first()).toHaveText(/^\s*[A-Z_]+\.[A-Z_]+$/);
    await app.screenshot('locks');

    const roots = await locks.roots.count();
    const root = locks.roots.first();
    const sid = await root.getAttribute('data-sid');
    await root.getByTestId('kill-blocker').click();
    const dialog = app.page.getByTestId('kill-dialog');
    await expect(dialog.getByTestId('kill-sid-serial')).toContainText(`${sid},`);
    await dialog.getByTestId('kill-confirm').click();
    await expect(app.page.getByTestId('notice')).toBeVisible();
    await expect(locks.root.locator(`[data-testid="lock-root"][data-sid="${sid}"]`)).toHaveCount(0);
    expect(await locks.roots.count()).toBeLessThanOrEqual(roots);
  });

  test('sessions: kill asks for confirmation, then the session is gone', async ({ console: app }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    const candidate = sessions.root
      .locator('[data-testid="sessions-row"]:not([data-blocker]):not([data-blocked])')
      .first();
    await expect(candidate).toBeVisible();
    const key = await sessions.keyOf(candidate);
    await candidate.getByTestId('kill').click();
    const dialog = app.page.getByTestId('kill-dialog');
    // 'sid,serial#,@inst_id': the kill reaches the session's own instance (RAC)
    await expect(dialog.getByTestId('kill-sid-serial')).toHaveText(
      new RegExp(`^${key.sid},${key.serial},@\\d+$`),
    );
    await dialog.getByTestId('kill-cancel').click();
    await expect(sessions.row(key)).toHaveCount(1);

    await sessions.kill(sessions.row(key));
    await expect(app.page.getByTestId('notice')).toContainText(`${key.sid},${key.serial}`);
    await expect(sessions.origin).toHaveAttribute('data-origin', 'oracle');
    await sessions.filter.fill(key.sid);
    await expect(sessions.row(key)).toHaveCount(0);
  });

  test('wait events: by class (chart) and by event (rates)', async ({ console: app }) => {
    const waits = new WaitsPage(app);
    await waits.open();
    await expect(waits.classChart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(waits.eventRows.first()).toBeVisible();
    expect(await waits.eventRows.count()).toBeGreaterThan(3);
    await app.screenshot('waits');
  });

  test('top SQL: limit and sort, a row opens SQL detail with text and plan', async ({ console: app }) => {
    const topSql = new TopSqlPage(app);
    await topSql.open();
    await topSql.setLimit(10);
    await expect(topSql.rows).toHaveCount(10);
    await topSql.setOrder('cpu');
    await expect(topSql.rows.first()).toBeVisible();
    await topSql.setLimit(25);
    await expect.poll(() => topSql.rows.count()).toBeGreaterThan(10);
    const sqlId = await topSql.openDetail(topSql.rows.first());
    expect(app.page.url()).toContain(`#/top-sql/${sqlId}`);
    await expect(topSql.detail.getByTestId('sql-text')).toContainText(
      /SELECT|INSERT|UPDATE|DELETE|BEGIN|MERGE/i,
    );
    await expect(topSql.detail.getByTestId('sql-plan')).toContainText('Plan hash value');
    await expect(topSql.detail.getByTestId('sql-stats')).toBeVisible();
    await app.screenshot('top-sql');
  });

  test('schemas: schema → tables → columns, with search', async ({ console: app }) => {
    const schemas = new SchemasPage(app);
    await schemas.open();
    await expect(schemas.schemas.first()).toBeVisible();
    const count = await schemas.schemas.count();
    const name = (await schemas.schemas.first().getAttribute('data-name'))!;
    await schemas.searchSchemas(name.slice(0, 3));
    await expect.poll(() => schemas.schemas.count()).toBeLessThanOrEqual(count);
    await schemas.schemas.first().click();
    await expect(schemas.tables.first()).toBeVisible();
    await schemas.tables.first().click();
    await expect(schemas.columns.first()).toBeVisible();
    await expect(schemas.tableInfo).toBeVisible();
    await expect(schemas.root.getByTestId('columns-table')).toContainText(/NUMBER|VARCHAR2|DATE|TIMESTAMP/);
    await app.screenshot('schemas');
  });

  test('trends: period selector (1 h, 7 d)', async ({ console: app }) => {
    const trends = new TrendsPage(app);
    await trends.open();
    await expect(trends.charts.locator('.recharts-line').first()).toBeVisible();
    await trends.period('7d').click();
    await expect(trends.period('7d')).toHaveAttribute('aria-pressed', 'true');
    await expect(trends.source).toContainText('30 min');
    await app.screenshot('trends');
  });

  test('refresh bypasses the cache: origin becomes Oracle and the age resets', async ({ console: app }) => {
    const waits = new WaitsPage(app);
    await waits.open();
    await waits.refresh();
    await expect(waits.origin).toHaveAttribute('data-origin', 'oracle');
    await expect(waits.age).toHaveText('just now');
    // leave and come back: the answer now comes from the cache (L1 in this process, or L2 Redis)
    await app.goTo('dashboard');
    await waits.open();
    await expect(waits.origin).toHaveAttribute('data-origin', /^(l1|l2)$/);
    await expect(waits.age).toHaveText(/\d+ sec ago/, { timeout: 5_000 });
    await waits.refresh();
    await expect(waits.origin).toHaveAttribute('data-origin', 'oracle');
    await expect(waits.age).toHaveText('just now');
  });

  test('language: Korean and back to English', async ({ console: app }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.title).toHaveText('Sessions');
    await app.setLanguage('ko');
    await expect(sessions.title).toHaveText('세션');
    await expect(app.nav('locks')).toHaveText('락');
    await expect(sessions.root.getByTestId('refresh')).toHaveText('새로고침');
    await app.screenshot('sessions-ko');
    await app.setLanguage('en');
    await expect(sessions.title).toHaveText('Sessions');
  });

  test('Korean: the demo name, connect-string notes and input errors from main are worded in Korean', async ({
    console: app,
  }) => {
    await app.setLanguage('ko');
    const switcher = new ConnectionSwitcherPage(app.page);
    await switcher.open();
    await expect(switcher.demoItem).toContainText('데모 데이터베이스');
    await expect(switcher.dialog).not.toContainText('Demo database');

    const form = await switcher.startOracleForm();
    // a pasted JDBC URL with a password: main sends codes, the screen says it in Korean
    const notes = await switcher.previewConnectString(
      form,
      'jdbc:oracle:thin:scott/tiger@//127.0.0.1:1/ORCLPDB1',
    );
    await expect(notes).toContainText('JDBC URL의 비밀번호를 제거했습니다');
    await expect(notes).toContainText('사용자 이름 "scott"');
    await expect(notes).not.toContainText(/password|removed|converted/i);
    await expect(notes).not.toContainText('tiger');
    // an input error (VALIDATION, reason connect.badPort): Korean, no English sentence
    const error = await switcher.previewConnectString(form, 'dbhost:99999/ORCLPDB1');
    await expect(error).toContainText('TCP 포트(1-65535)가 아닙니다');
    await expect(error).not.toContainText(/is not a TCP port/i);
    await app.screenshot('connect-preview-ko');
    await switcher.close();
    await app.setLanguage('en');
  });
});

test.describe('connection switcher', () => {
  test('typing in the add-connection form keeps its focus while the console updates behind it', async ({
    console: app,
  }) => {
    const switcher = new ConnectionSwitcherPage(app.page);
    await switcher.open();
    await switcher.dialog.getByTestId('conn-add').click();
    const form = switcher.dialog.getByTestId('connection-form');
    await form.getByTestId('conn-kind').selectOption('oracle');
    const field = form.getByTestId('conn-connect-string');
    await field.click();
    // another console adds a connection: the list behind the dialog changes (connections:changed)
    const added = await app.page.evaluate(async () => {
      const token = sessionStorage.getItem('tms.webToken') ?? '';
      const res = await fetch(`/api/invoke/${encodeURIComponent('connections:add')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tms-token': token },
        body: JSON.stringify({ name: 'Added elsewhere', kind: 'demo' }),
      });
      return ((await res.json()) as { data?: { profile: { id: string } } }).data?.profile.id ?? '';
    });
    expect(added).not.toBe('');
    await app.page.waitForTimeout(1000);
    await expect(field).toBeFocused();
    await app.page.keyboard.type('dbhost:1521/PDB1');
    await expect(field).toHaveValue('dbhost:1521/PDB1');
    await expect(form.getByTestId('conn-name')).toHaveValue('');
    await app.page.keyboard.press('Escape');
    await app.page.evaluate(async (id) => {
      const token = sessionStorage.getItem('tms.webToken') ?? '';
      await fetch(`/api/invoke/${encodeURIComponent('connections:delete')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tms-token': token },
        body: JSON.stringify({ id }),
      });
    }, added);
  });

  test('adds an Oracle connection to a closed port: the test names ORACLE_UNREACHABLE; switch back to Demo', async ({
    console: app,
  }) => {
    const switcher = new ConnectionSwitcherPage(app.page);
    await expect(switcher.activeName).toHaveText(/Demo/);
    await switcher.openWithKeyboard();
    await expect(switcher.items.first()).toBeVisible();
    await switcher.addOracle({
      name: 'Closed port',
      connectString: '127.0.0.1:1/ORCLPDB1',
      user: 'monitor',
      password: 'not-a-real-password',
    });
    const result = await switcher.test('Closed port');
    await expect(result).toHaveAttribute('data-code', 'ORACLE_UNREACHABLE');
    await expect(result).toContainText(/cannot be reached/i);
    await app.screenshot('connection-switcher');

    // switch to it: the views say what is wrong
    await switcher.use('Closed port');
    const dash = new DashboardPage(app);
    await expect(dash.error).toHaveAttribute('data-code', 'ORACLE_UNREACHABLE');
    // the error offers the fix: the connection dialog
    await dash.root.getByTestId('open-connections').first().click();
    await expect(switcher.dialog).toBeVisible();

    // back to Demo: data again
    await switcher.useId('demo');
    await expect(dash.tiles.first()).toBeVisible();

    // a JDBC URL is accepted: main converts it and says what it changed
    await switcher.editConnectString('Closed port', 'jdbc:oracle:thin:@//127.0.0.1:1/ORCLPDB1');
    await expect(switcher.notes).toContainText(/JDBC/i);
    await switcher.delete('Closed port');
    await switcher.close();
  });

  test('a second demo connection: switch to it and see its own data (first answer from Oracle)', async ({
    console: app,
  }) => {
    const switcher = new ConnectionSwitcherPage(app.page);
    await switcher.addDemo('Demo B');
    const ok = await switcher.test('Demo B');
    await expect(ok).toHaveAttribute('data-ok', 'true');
    await switcher.use('Demo B');
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.rows.first()).toBeVisible();
    await expect(sessions.origin).toHaveAttribute('data-origin', 'oracle');
    // the active connection is remembered across a reload
    await app.page.reload();
    await expect(switcher.activeName).toHaveText('Demo B');
    await switcher.useId('demo');
    await switcher.delete('Demo B');
  });
});
