import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class AlertLogPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'alert-log');
  }
  get rows(): Locator {
    return this.root.getByTestId('alert-row');
  }
  get scope(): Locator {
    return this.root.getByTestId('alert-scope');
  }
  get windowSelect(): Locator {
    return this.root.getByTestId('alert-window');
  }
  get levelFilter(): Locator {
    return this.root.getByTestId('alert-level-filter');
  }
  get textFilter(): Locator {
    return this.root.getByTestId('alert-text-filter');
  }
  get oraOnly(): Locator {
    return this.root.getByTestId('alert-ora-only');
  }
  get oraChips(): Locator {
    return this.root.getByTestId('ora-chip');
  }
  get count(): Locator {
    return this.root.getByTestId('alert-count');
  }
}
