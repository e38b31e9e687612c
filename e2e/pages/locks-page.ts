import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class LocksPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'locks');
  }

  get tree(): Locator {
    return this.root.getByTestId('lock-tree');
  }

  get roots(): Locator {
    return this.root.getByTestId('lock-root');
  }

  get waiters(): Locator {
    return this.root.getByTestId('lock-waiter');
  }

  /** the waiting sessions' objects, OWNER.NAME · TYPE */
  get objects(): Locator {
    return this.root.getByTestId('lock-object');
  }

  /** TM locks' tables, OWNER.NAME */
  get tmObjects(): Locator {
    return this.root.getByTestId('lock-tm-object');
  }

  get empty(): Locator {
    return this.root.getByTestId('locks-empty');
  }
}
