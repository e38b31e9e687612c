import { expect, type Locator, type Page } from '@playwright/test';

/** The console shell: navigation, header, language. Views have their own page objects. */
export class ConsolePage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async open(view = 'dashboard'): Promise<void> {
    // English first so assertions can use English labels; tests that switch language do it explicitly.
    await this.page.addInitScript(() => {
      if (!localStorage.getItem('tms.language')) localStorage.setItem('tms.language', 'en');
    });
    await this.page.goto(`${this.baseUrl}#token=${this.token}`);
    await expect(this.page.getByTestId('content')).toBeVisible();
    if (view !== 'dashboard') await this.goTo(view);
  }

  nav(view: string): Locator {
    return this.page.getByTestId(`nav-${view}`);
  }

  async goTo(view: string): Promise<void> {
    await this.nav(view).click();
    await expect(this.nav(view)).toHaveAttribute('aria-current', 'page');
  }

  get content(): Locator {
    return this.page.getByTestId('content');
  }

  get connectionSwitcher(): Locator {
    return this.page.getByTestId('connection-switcher');
  }

  get redisState(): Locator {
    return this.page.getByTestId('redis-state');
  }

  /** header: CDB/PDB/CON_ID, the instances, the database and local clocks */
  get dbIdentity(): Locator {
    return this.page.getByTestId('db-identity');
  }

  get dbClock(): Locator {
    return this.page.getByTestId('db-clock');
  }

  /** the switch between local time and database time for every time on screen */
  get timeDisplayToggle(): Locator {
    return this.page.getByTestId('time-display-toggle');
  }

  async setLanguage(lang: 'ko' | 'en'): Promise<void> {
    await this.page.getByTestId('language').selectOption(lang);
  }

  /** the age/origin strip of the current view */
  get dataOrigin(): Locator {
    return this.content.getByTestId('data-origin').first();
  }

  get dataAge(): Locator {
    return this.content.getByTestId('data-age').first();
  }

  async refreshView(): Promise<void> {
    await this.content.getByTestId('refresh').first().click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true });
  }
}
