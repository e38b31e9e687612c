import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class WaitsPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'waits');
  }

  get classChart(): Locator {
    return this.root.getByTestId('wait-class-chart');
  }

  get eventRows(): Locator {
    return this.root.getByTestId('wait-event-row');
  }
}
