import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class LongOpsPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'long-ops');
  }
  get rows(): Locator {
    return this.root.getByTestId('longop-row');
  }
  /** the SID cells (data-sid, data-serial, data-inst): the session drill-down hooks onto these */
  get sids(): Locator {
    return this.root.getByTestId('longop-sid');
  }
  get summary(): Locator {
    return this.root.getByTestId('longops-summary');
  }
  get scope(): Locator {
    return this.root.getByTestId('longops-scope');
  }
}
