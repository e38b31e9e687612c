import { expect, type Locator, type Page } from '@playwright/test';

/** The kill / cancel SQL confirmation (StopSessionDialog), in either mode. */
export class StopDialog {
  constructor(
    readonly page: Page,
    readonly mode: 'kill' | 'cancel',
  ) {}

  get root(): Locator {
    return this.page.getByTestId(this.mode === 'kill' ? 'kill-dialog' : 'cancel-sql-dialog');
  }
  get confirm(): Locator {
    return this.root.getByTestId(this.mode === 'kill' ? 'kill-confirm' : 'cancel-sql-confirm');
  }
  get close(): Locator {
    return this.root.getByTestId(this.mode === 'kill' ? 'kill-cancel' : 'cancel-sql-close');
  }
  get sidSerial(): Locator {
    return this.root.getByTestId('kill-sid-serial');
  }
  get user(): Locator {
    return this.root.getByTestId('stop-user');
  }
  get program(): Locator {
    return this.root.getByTestId('stop-program');
  }
  get sql(): Locator {
    return this.root.getByTestId('stop-sql');
  }
  get sqlText(): Locator {
    return this.root.getByTestId('stop-sql-text');
  }
  get duration(): Locator {
    return this.root.getByTestId('stop-duration');
  }
  get undo(): Locator {
    return this.root.getByTestId('stop-undo');
  }
  get largeRollback(): Locator {
    return this.root.getByTestId('stop-large-rollback');
  }
  get statement(): Locator {
    return this.root.getByTestId('stop-statement');
  }
  get changed(): Locator {
    return this.root.getByTestId('stop-changed');
  }

  /** waits for the fresh read: the statement is filled in */
  async loaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.statement).toHaveText(/ALTER SYSTEM|BEGIN/);
  }

  async send(): Promise<void> {
    await this.confirm.click();
    await expect(this.root).toBeHidden();
  }
}
