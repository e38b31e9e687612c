import { expect, type Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export interface SessionKey {
  sid: string;
  serial: string;
}

export class SessionsPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'sessions');
  }

  get rows(): Locator {
    return this.root.getByTestId('sessions-row');
  }

  get table(): Locator {
    return this.root.getByTestId('sessions-table');
  }

  get scroller(): Locator {
    return this.root.getByTestId('sessions-scroll');
  }

  get count(): Locator {
    return this.root.getByTestId('sessions-count');
  }

  get filter(): Locator {
    return this.root.getByTestId('sessions-filter');
  }

  /** only the sessions of one STATUS (how many are ACTIVE on the first screen depends on the load) */
  async showOnly(status: string): Promise<void> {
    await this.root.getByTestId('sessions-status-filter').selectOption(status);
    await expect(this.rows.first()).toHaveAttribute('data-status', status);
  }

  async showAllStatuses(): Promise<void> {
    await this.root.getByTestId('sessions-status-filter').selectOption('');
  }

  /** CDB$ROOT: the PDB filter */
  get containerFilter(): Locator {
    return this.root.getByTestId('sessions-container-filter');
  }

  row(key: SessionKey): Locator {
    return this.root.locator(
      `[data-testid="sessions-row"][data-sid="${key.sid}"][data-serial="${key.serial}"]`,
    );
  }

  async totalSessions(): Promise<number> {
    return Number(await this.count.getAttribute('data-total'));
  }

  async shownSessions(): Promise<number> {
    return Number(await this.count.getAttribute('data-shown'));
  }

  async keyOf(row: Locator): Promise<SessionKey> {
    return { sid: (await row.getAttribute('data-sid'))!, serial: (await row.getAttribute('data-serial'))! };
  }

  async sortBy(column: string): Promise<void> {
    await this.root.getByTestId(`col-${column}`).click();
  }

  /** kill through the confirmation dialog; resolves when the dialog closed */
  async kill(row: Locator): Promise<void> {
    await row.getByTestId('kill').click();
    const dialog = this.page.getByTestId('kill-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('kill-confirm').click();
    await expect(dialog).toBeHidden();
  }
}
