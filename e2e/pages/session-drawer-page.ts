import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsolePage } from './console-page';

/** The session drill-down drawer (issue 17), opened from any SID link. */
export class SessionDrawerPage {
  constructor(readonly app: ConsolePage) {}

  get page(): Page {
    return this.app.page;
  }

  get root(): Locator {
    return this.page.getByTestId('session-drawer');
  }

  section(name: 'identity' | 'sql' | 'stats' | 'waits' | 'locks' | 'tx' | 'cursors' | 'activity'): Locator {
    return this.root.getByTestId(`sd-${name}`);
  }

  get scope(): Locator {
    return this.root.getByTestId('sd-scope');
  }

  get statsWindow(): Locator {
    return this.root.getByTestId('sd-stats-window');
  }

  get waitRows(): Locator {
    return this.root.getByTestId('sd-wait-row');
  }

  get lockRows(): Locator {
    return this.root.getByTestId('sd-lock-row');
  }

  get origin(): Locator {
    return this.root.getByTestId('data-origin');
  }

  /** SID links in a container (a view's table) */
  static links(scope: Locator): Locator {
    return scope.getByTestId('sid-link');
  }

  /** click a SID link and wait for the drawer to show that session's identity */
  async openFrom(link: Locator): Promise<{ sid: string; serial: string; inst: string }> {
    const sid = (await link.getAttribute('data-sid')) ?? '';
    const serial = (await link.getAttribute('data-serial')) ?? '';
    const inst = (await link.getAttribute('data-inst')) ?? '';
    await link.click();
    await expect(this.root).toBeVisible();
    await expect(this.root).toHaveAttribute('data-sid', sid);
    await expect(this.root).toHaveAttribute('data-serial', serial);
    await expect(this.section('identity')).toBeVisible();
    return { sid, serial, inst };
  }

  async refresh(): Promise<void> {
    await this.root.getByTestId('refresh').click();
  }

  async close(): Promise<void> {
    await this.root.getByTestId('sd-close').click();
    await expect(this.root).toHaveCount(0);
  }
}
