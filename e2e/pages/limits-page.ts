import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

/** Limits (issue 17): V$RESOURCE_LIMIT per instance. */
export class LimitsPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'limits');
  }

  get rows(): Locator {
    return this.root.getByTestId('limit-row');
  }

  row(resource: string, instId = 1): Locator {
    return this.root.locator(`[data-testid="limit-row"][data-resource="${resource}"][data-inst="${instId}"]`);
  }

  get scope(): Locator {
    return this.root.getByTestId('limits-scope');
  }

  get note(): Locator {
    return this.root.getByTestId('limits-note');
  }
}
