import { expect, type Locator, type Page } from '@playwright/test';

/** A table's "Columns" menu and headers (the shared column manager). */
export class ColumnMenu {
  constructor(
    readonly page: Page,
    readonly scope: Locator,
    readonly testId = 'column-menu',
  ) {}

  get button(): Locator {
    return this.scope.getByTestId(this.testId);
  }

  get pop(): Locator {
    return this.scope.getByTestId(`${this.testId}-pop`);
  }

  header(column: string): Locator {
    return this.scope.getByTestId(`col-${column}`);
  }

  /** the header cell (it holds the label and the resize handle) */
  cell(column: string): Locator {
    return this.scope.locator(`[data-column-header="${column}"]`);
  }

  async open(): Promise<void> {
    if (!(await this.pop.isVisible())) await this.button.click();
    await expect(this.pop).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.pop).toBeHidden();
  }

  async setShown(column: string, shown: boolean): Promise<void> {
    await this.open();
    const box = this.pop.getByTestId(`column-toggle-${column}`);
    if (shown) await box.check();
    else await box.uncheck();
  }

  async moveEarlier(column: string): Promise<void> {
    await this.open();
    await this.pop.locator(`li[data-column="${column}"] .column-menu-move button`).first().click();
  }

  /** column ids in display order, from the menu */
  async order(): Promise<string[]> {
    await this.open();
    return this.pop
      .locator('li[data-column]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-column')!));
  }

  /** widen (or narrow) a column with the keyboard on its resize handle, 16 px a step */
  async resizeBy(column: string, steps: number): Promise<void> {
    const handle = this.cell(column).getByTestId('col-resize');
    await handle.focus();
    for (let i = 0; i < Math.abs(steps); i++)
      await this.page.keyboard.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
  }

  async width(column: string): Promise<number> {
    const box = await this.cell(column).boundingBox();
    return Math.round(box?.width ?? 0);
  }
}
