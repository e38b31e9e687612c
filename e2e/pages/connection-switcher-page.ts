import { expect, type Locator, type Page } from '@playwright/test';

export interface EasyConnection {
  name: string;
  connectString: string;
  user: string;
  password: string;
}

/** The header's connection switcher and its dialog. */
export class ConnectionSwitcherPage {
  constructor(readonly page: Page) {}

  get button(): Locator {
    return this.page.getByTestId('connection-switcher');
  }

  get activeName(): Locator {
    return this.button.getByTestId('active-connection');
  }

  get dialog(): Locator {
    return this.page.getByTestId('connection-dialog');
  }

  get items(): Locator {
    return this.dialog.getByTestId('connection-item');
  }

  item(name: string): Locator {
    return this.items.filter({ hasText: name });
  }

  /** "Check privileges" on a connection; resolves to its report panel. */
  async checkPrivileges(name: string): Promise<Locator> {
    await this.open();
    const item = this.item(name);
    await item.getByTestId('conn-check-privileges').click();
    const report = item.getByTestId('privilege-report');
    await expect(report).toBeVisible();
    return report;
  }

  /** Ctrl+K (the shell's shortcut) */
  async openWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.dialog).toBeVisible();
  }

  async open(): Promise<void> {
    if (await this.dialog.isVisible()) return;
    await this.button.click();
    await expect(this.dialog).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }

  async addOracle(c: EasyConnection): Promise<void> {
    await this.open();
    await this.dialog.getByTestId('conn-add').click();
    const form = this.dialog.getByTestId('connection-form');
    await form.getByTestId('conn-name').fill(c.name);
    await form.getByTestId('conn-kind').selectOption('oracle');
    await form.getByTestId('conn-method-easy').click();
    await form.getByTestId('conn-connect-string').fill(c.connectString);
    await form.getByTestId('conn-user').fill(c.user);
    await form.getByTestId('conn-password').fill(c.password);
    await form.getByTestId('conn-save').click();
    await expect(this.item(c.name)).toBeVisible();
  }

  async addDemo(name: string): Promise<void> {
    await this.open();
    await this.dialog.getByTestId('conn-add').click();
    const form = this.dialog.getByTestId('connection-form');
    await form.getByTestId('conn-name').fill(name);
    await form.getByTestId('conn-kind').selectOption('demo');
    await form.getByTestId('conn-save').click();
    await expect(this.item(name)).toBeVisible();
  }

  async test(name: string): Promise<Locator> {
    await this.open();
    await this.item(name).getByTestId('conn-test').click();
    const result = this.item(name).getByTestId('test-result');
    await expect(result).toBeVisible({ timeout: 20_000 });
    return result;
  }

  async use(name: string): Promise<void> {
    await this.open();
    await this.item(name).getByTestId('conn-use').click();
    await expect(this.dialog).toBeHidden();
    await expect(this.activeName).toHaveText(name);
  }

  /** edit an Easy Connect connection's connect string (JDBC URLs are accepted and converted by main) */
  async editConnectString(name: string, connectString: string): Promise<void> {
    await this.open();
    await this.item(name).getByTestId('conn-edit').click();
    const form = this.dialog.getByTestId('connection-form');
    await form.getByTestId('conn-connect-string').fill(connectString);
    await form.getByTestId('conn-save').click();
    await expect(form).toBeHidden();
  }

  get notes(): Locator {
    return this.dialog.getByTestId('connection-notes');
  }

  /** the built-in demo's row (found by id: its name is shown in the UI language) */
  get demoItem(): Locator {
    return this.dialog.locator('[data-testid="connection-item"][data-conn-id="demo"]');
  }

  /** "Add" → an Oracle connection form on Easy Connect, nothing saved */
  async startOracleForm(): Promise<Locator> {
    await this.open();
    await this.dialog.getByTestId('conn-add').click();
    const form = this.dialog.getByTestId('connection-form');
    await form.getByTestId('conn-kind').selectOption('oracle');
    await form.getByTestId('conn-method-easy').click();
    return form;
  }

  /** type a connect string and leave the field: main says what it would store (notes) or why not (error) */
  async previewConnectString(form: Locator, connectString: string): Promise<Locator> {
    const field = form.getByTestId('conn-connect-string');
    await field.fill(connectString);
    await field.blur();
    return this.dialog.getByTestId('connect-preview');
  }

  /** switch by connection id (the built-in Demo is `demo`) */
  async useId(connId: string): Promise<void> {
    await this.open();
    await this.dialog
      .locator(`[data-testid="connection-item"][data-conn-id="${connId}"]`)
      .getByTestId('conn-use')
      .click();
    await expect(this.dialog).toBeHidden();
    await expect(this.button).toHaveAttribute('data-conn-id', connId);
  }

  async delete(name: string): Promise<void> {
    await this.open();
    await this.item(name).getByTestId('conn-delete').click();
    await this.page.getByTestId('conn-delete-confirm').click();
    await expect(this.item(name)).toHaveCount(0);
  }
}
