import type { Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class DashboardPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'dashboard');
  }

  tile(id: string): Locator {
    return this.root.getByTestId(`tile-${id}`);
  }

  tileValue(id: string): Locator {
    return this.tile(id).getByTestId('tile-value');
  }

  get tiles(): Locator {
    return this.root.getByTestId('dashboard-tiles').locator('.tile');
  }

  get realtimeCharts(): Locator {
    return this.root.getByTestId('realtime-charts');
  }

  get waitClassBars(): Locator {
    return this.root.getByTestId('wait-class-bars');
  }

  /** the scope tag (PDB, CDB-wide, database, host) of a tile */
  tileScope(id: string): Locator {
    return this.tile(id).getByTestId('scope');
  }

  get perInstanceRows(): Locator {
    return this.root.getByTestId('per-instance').getByTestId('instance-row');
  }

  get clusterTotal(): Locator {
    return this.root.getByTestId('cluster-total');
  }

  get perContainerRows(): Locator {
    return this.root.getByTestId('per-container').getByTestId('container-row');
  }

  get waitClassScope(): Locator {
    return this.root.locator('h2').filter({ hasText: 'Wait classes' }).getByTestId('scope').first();
  }
}
