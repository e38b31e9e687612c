import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

/** The Memory and I/O view (issue 17): SGA, PGA and V$IOSTAT_* by file type / function. */
export class MemoryIoPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'memory-io');
  }

  /** the scope line: data-scope (cdb/database), data-instance-scope (instance/cluster) */
  get scope(): Locator {
    return this.root.getByTestId('memory-scope');
  }

  get sgaSummary(): Locator {
    return this.root.getByTestId('memory-sga-summary');
  }

  sgaRow(component: string): Locator {
    return this.root.locator(`[data-testid="memory-sga-row"][data-component="${component}"]`);
  }

  get sgaRows(): Locator {
    return this.root.getByTestId('memory-sga-row');
  }

  pga(figure: string): Locator {
    return this.root.getByTestId(`memory-pga-${figure}`);
  }

  /** the I/O window line: data-cumulative yes (first read) / no (rates) */
  get ioWindow(): Locator {
    return this.root.getByTestId('memory-io-window');
  }

  get ioTable(): Locator {
    return this.root.getByTestId('memory-io-table');
  }

  ioRow(name: string): Locator {
    return this.root.locator(`[data-testid="memory-io-row"][data-name="${name}"]`);
  }

  get ioRows(): Locator {
    return this.root.getByTestId('memory-io-row');
  }

  async showBy(by: 'fileType' | 'function'): Promise<void> {
    await this.root.getByTestId(`memory-io-by-${by}`).click();
  }

  get instanceSelect(): Locator {
    return this.root.getByTestId('memory-instance');
  }
}
