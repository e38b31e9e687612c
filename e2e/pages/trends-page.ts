import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class TrendsPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'trends');
  }

  period(p: '1h' | '24h' | '7d'): Locator {
    return this.root.getByTestId(`period-${p}`);
  }

  get charts(): Locator {
    return this.root.getByTestId('trend-charts');
  }

  get source(): Locator {
    return this.root.getByTestId('trend-source');
  }
}
