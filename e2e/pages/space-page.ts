import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

/** Space (issue 17): tablespaces, recovery area, ASM, TEMP by session. */
export class SpacePage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'space');
  }

  get tablespaceRows(): Locator {
    return this.root.getByTestId('tablespace-row');
  }

  tablespace(name: string): Locator {
    return this.root.locator(`[data-testid="tablespace-row"][data-name="${name}"]`);
  }

  get tablespacesScope(): Locator {
    return this.root.getByTestId('tablespaces-scope');
  }

  get tablespacesDenied(): Locator {
    return this.root.getByTestId('tablespaces-denied');
  }

  get unitsNote(): Locator {
    return this.root.getByTestId('space-units');
  }

  get fraScope(): Locator {
    return this.root.getByTestId('fra-scope');
  }

  get fraSummary(): Locator {
    return this.root.getByTestId('fra-summary');
  }

  get noAsm(): Locator {
    return this.root.getByTestId('no-asm');
  }

  get asmRows(): Locator {
    return this.root.getByTestId('asm-row');
  }

  get tempRows(): Locator {
    return this.root.getByTestId('temp-user-row');
  }

  get tempScope(): Locator {
    return this.root.getByTestId('temp-scope');
  }

  get tempAge(): Locator {
    return this.root.getByTestId('temp-age');
  }
}
