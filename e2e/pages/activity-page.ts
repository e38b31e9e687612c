import { expect, type Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

/** The Activity view (issue 14): AAS chart, slicing, brushed range, top tables, blocking history. */
export class ActivityPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'activity');
  }

  get chart(): Locator {
    return this.root.getByTestId('aas-chart');
  }

  get legendItems(): Locator {
    return this.chart.getByTestId('aas-legend-item');
  }

  get status(): Locator {
    return this.root.getByTestId('activity-status');
  }

  get source(): Locator {
    return this.root.getByTestId('activity-source');
  }

  get tops(): Locator {
    return this.root.getByTestId('activity-tops');
  }

  get topSqlRows(): Locator {
    return this.root.getByTestId('activity-top-sql-row');
  }

  get topSessionRows(): Locator {
    return this.root.getByTestId('activity-top-session-row');
  }

  get topEventRows(): Locator {
    return this.root.getByTestId('activity-top-event-row');
  }

  get selection(): Locator {
    return this.root.getByTestId('activity-selection');
  }

  get episodes(): Locator {
    return this.root.getByTestId('blocking-episode');
  }

  get chain(): Locator {
    return this.root.getByTestId('chain-detail');
  }

  async setRange(ms: number): Promise<void> {
    await this.root.getByTestId('activity-range').selectOption(String(ms));
  }

  async sliceBy(dimension: string): Promise<void> {
    await this.root.getByTestId('activity-dimension').selectOption(dimension);
    await expect(this.chart).toHaveAttribute('data-dimension', dimension);
  }

  /** waits until the chart has drawn at least `samples` samples in total (live samples arrive each second) */
  async waitForSamples(samples: number, timeout = 30_000): Promise<void> {
    await expect
      .poll(async () => Number(await this.chart.getAttribute('data-samples')), { timeout })
      .toBeGreaterThanOrEqual(samples);
  }

  /** drags across the chart from fraction a to fraction b of its plot width */
  async brush(a: number, b: number): Promise<void> {
    const svg = this.chart.locator('svg');
    const box = (await svg.boundingBox())!;
    const left = box.x + 44;
    const width = box.width - 52;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(left + width * a, y);
    await this.page.mouse.down();
    await this.page.mouse.move(left + width * ((a + b) / 2), y, { steps: 4 });
    await this.page.mouse.move(left + width * b, y, { steps: 4 });
    await this.page.mouse.up();
  }
}
