import { expect, type Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

/** The Alerts view (issue 17): open alerts, history, the team's thresholds; and the header badge. */
export class AlertsPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'alerts');
  }

  get badge(): Locator {
    return this.page.getByTestId('alerts-badge');
  }

  get status(): Locator {
    return this.root.getByTestId('alerts-status');
  }

  get evaluator(): Locator {
    return this.root.getByTestId('alerts-evaluator');
  }

  get openRows(): Locator {
    return this.root.getByTestId('alert-row');
  }

  /** the open alert of a rule (and subject, when given) */
  openAlert(rule: string, subject?: string): Locator {
    const sel = subject ? `[data-rule="${rule}"][data-subject="${subject}"]` : `[data-rule="${rule}"]`;
    return this.root.locator(`[data-testid="alert-row"]${sel}`);
  }

  /** the subject of the rule's open alert with the highest peak (the longest-standing blocking chain) */
  async worstSubject(rule: string): Promise<string> {
    const rows = await this.openAlert(rule).evaluateAll((els) =>
      els.map((e) => ({
        subject: e.getAttribute('data-subject') ?? '',
        peak: Number(e.getAttribute('data-peak')),
      })),
    );
    rows.sort((a, b) => b.peak - a.peak);
    return rows[0]?.subject ?? '';
  }

  startedAt(row: Locator): Locator {
    return row.getByTestId('alert-started');
  }

  ackButton(row: Locator): Locator {
    return row.getByTestId('alert-ack');
  }

  acked(row: Locator): Locator {
    return row.getByTestId('alert-acked');
  }

  mute(row: Locator): Locator {
    return row.getByTestId('alert-mute');
  }

  thresholdRow(rule: string): Locator {
    return this.root.locator(`[data-testid="threshold-row"][data-rule="${rule}"]`);
  }

  thresholdValue(rule: string): Locator {
    return this.thresholdRow(rule).getByTestId('threshold-value');
  }

  async setThreshold(rule: string, value: string): Promise<void> {
    await this.thresholdValue(rule).fill(value);
    await this.root.getByTestId('thresholds-save').click();
    await expect(this.root.getByTestId('thresholds-saved')).toBeVisible();
  }

  async resetThresholds(): Promise<void> {
    await this.root.getByTestId('thresholds-reset').click();
  }
}
