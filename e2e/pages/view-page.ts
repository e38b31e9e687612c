import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsolePage } from './console-page';

/** What every monitoring view has: its root, title, age/origin strip and refresh button. */
export class ViewPage {
  constructor(
    readonly app: ConsolePage,
    readonly id: string,
  ) {}

  get page(): Page {
    return this.app.page;
  }

  get root(): Locator {
    return this.page.getByTestId(`view-${this.id}`);
  }

  get title(): Locator {
    return this.root.getByTestId('view-title');
  }

  get origin(): Locator {
    return this.root.getByTestId('data-origin').first();
  }

  get age(): Locator {
    return this.root.getByTestId('data-age').first();
  }

  get error(): Locator {
    return this.root.getByTestId('error').first();
  }

  async open(): Promise<void> {
    await this.app.goTo(this.id);
    await expect(this.root).toBeVisible();
  }

  /** the cache-bypassing refresh of the view header */
  async refresh(): Promise<void> {
    await this.root.getByTestId('refresh').first().click();
  }

  async originValue(): Promise<string | null> {
    await expect(this.origin).toBeVisible();
    return this.origin.getAttribute('data-origin');
  }
}
