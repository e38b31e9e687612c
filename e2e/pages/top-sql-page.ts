import { expect, type Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class TopSqlPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'top-sql');
  }

  get rows(): Locator {
    return this.root.getByTestId('top-sql-row');
  }

  get detail(): Locator {
    return this.root.getByTestId('sql-detail');
  }

  async setLimit(limit: number): Promise<void> {
    await this.root.getByTestId('top-sql-limit').selectOption(String(limit));
  }

  async setOrder(order: string): Promise<void> {
    await this.root.getByTestId('top-sql-order').selectOption(order);
  }

  async openDetail(row: Locator): Promise<string> {
    const sqlId = (await row.getAttribute('data-sql-id'))!;
    await row.click();
    await expect(this.detail).toHaveAttribute('data-sql-id', sqlId);
    return sqlId;
  }
}
