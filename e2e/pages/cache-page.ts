import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsolePage } from './console-page';

export interface HitReading {
  ratio: number | null;
  lookups: number;
  hits: number;
}

/** The cache panel (issue 6): hit ratios, Redis health and the L2 switch, keys, invalidation, TTL policy. */
export class CachePage {
  constructor(readonly app: ConsolePage) {}

  get page(): Page {
    return this.app.page;
  }

  get root(): Locator {
    return this.page.getByTestId('cache-panel');
  }

  async open(tab: 'overview' | 'keys' | 'ttl' = 'overview'): Promise<void> {
    await this.app.goTo('cache');
    await expect(this.root).toBeVisible();
    if (tab !== 'overview') await this.tab(tab);
  }

  async tab(id: 'overview' | 'keys' | 'ttl'): Promise<void> {
    await this.root.getByTestId(`cache-tab-${id}`).click();
    await expect(this.root.getByTestId(`cache-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  // ------------------------------------------------------------ hit ratio

  get hitTile(): Locator {
    return this.root.getByTestId('hit-ratio');
  }

  async hitReading(): Promise<HitReading> {
    await expect(this.hitTile).toBeVisible();
    const raw = await this.hitTile.getAttribute('data-value');
    const lookups = Number(await this.hitTile.getAttribute('data-lookups'));
    const hits = Number(await this.hitTile.getAttribute('data-hits'));
    return { ratio: raw === null || raw === '' ? null : Number(raw), lookups, hits };
  }

  /** the hit ratio from a stats snapshot taken after `since` (epoch ms): everything done before is counted */
  async hitReadingAfter(since: number): Promise<HitReading> {
    const panel = this.root.getByTestId('hit-ratio-panel');
    await expect
      .poll(async () => Number(await panel.getAttribute('data-at')), { timeout: 10_000 })
      .toBeGreaterThan(since);
    return this.hitReading();
  }

  /** the inline threshold editor: percent and the lookups needed before judging */
  async setThreshold(percent: number, minSamples: number): Promise<void> {
    const form = this.root.getByTestId('threshold');
    await form.getByTestId('threshold-input').fill(String(percent));
    await form.getByTestId('threshold-samples').fill(String(minSamples));
    await form.getByTestId('threshold-save').click();
    await expect(form.getByTestId('threshold-message')).toBeVisible();
    await expect(form.getByTestId('threshold-save')).toHaveCount(0);
  }

  get banner(): Locator {
    return this.root.getByTestId('hit-ratio-banner');
  }

  // ------------------------------------------------------------ Redis health and L2

  get l2(): Locator {
    return this.root.getByTestId('l2');
  }

  async setL2(enabled: boolean): Promise<void> {
    const sw = this.root.getByTestId('l2-switch');
    await expect(sw).toBeEnabled();
    if ((await sw.isChecked()) !== enabled) await sw.click();
    await expect(this.l2).toHaveAttribute('data-enabled', String(enabled));
  }

  // ------------------------------------------------------------ invalidation

  /** The header's "clear this connection's cache"; returns the reported number of removed keys. */
  async clearConnection(connId: string): Promise<{ removed: number; l2: string }> {
    await this.root.getByTestId('clear-connection-select').selectOption(connId);
    await this.root.getByTestId('clear-connection').click();
    return this.confirmInvalidation();
  }

  async confirmInvalidation(word?: string): Promise<{ removed: number; l2: string }> {
    const dialog = this.page.getByTestId('invalidate-dialog');
    await expect(dialog).toBeVisible();
    if (word) await dialog.getByTestId('invalidate-word').fill(word);
    await dialog.getByTestId('invalidate-confirm').click();
    await expect(dialog).toBeHidden();
    const result = this.root.getByTestId('invalidate-result');
    await expect(result).toBeVisible();
    return {
      removed: Number(await result.getAttribute('data-removed')),
      l2: (await result.getAttribute('data-l2')) ?? '',
    };
  }

  async clearEverything(): Promise<{ removed: number; l2: string }> {
    await this.root.getByTestId('invalidate-all').click();
    return this.confirmInvalidation('tms:');
  }

  // ------------------------------------------------------------ key browser

  get keyRows(): Locator {
    return this.root.getByTestId('key-row');
  }

  keyRow(key: string): Locator {
    return this.root.locator(`[data-testid="key-row"][data-key="${key}"]`);
  }

  async scan(pattern: string): Promise<void> {
    await this.root.getByTestId('key-pattern').fill(pattern);
    await this.root.getByTestId('key-search').click();
  }

  get keyCount(): Locator {
    return this.root.getByTestId('keys-count');
  }

  async loadedKeys(): Promise<{ count: number; complete: boolean }> {
    return {
      count: Number(await this.keyCount.getAttribute('data-count')),
      complete: (await this.keyCount.getAttribute('data-complete')) === 'true',
    };
  }

  get keyDetail(): Locator {
    return this.root.getByTestId('key-detail');
  }

  // ------------------------------------------------------------ TTL policy

  ttlRow(resource: string): Locator {
    return this.root.locator(`[data-testid="ttl-row"][data-resource="${resource}"]`);
  }

  get ttlDialog(): Locator {
    return this.page.getByTestId('ttl-dialog');
  }

  async editTtl(resource: string): Promise<Locator> {
    await this.ttlRow(resource).getByTestId('ttl-edit').click();
    await expect(this.ttlDialog).toBeVisible();
    return this.ttlDialog;
  }

  /**
   * Save a TTL; with `apply`, also re-expire existing keys: the dialog first shows what it would change
   * (returned: the confirmation text and its key count), then applies on the second click.
   */
  async setTtl(
    resource: string,
    ttl: number,
    options: { apply?: boolean } = {},
  ): Promise<{ confirm: string; count: number } | undefined> {
    const dialog = await this.editTtl(resource);
    await dialog.getByTestId('ttl-input-ttl').fill(String(ttl));
    await dialog.getByTestId('ttl-input-l1Ttl').fill('');
    await dialog.getByTestId('ttl-input-grace').fill('');
    let confirmed: { confirm: string; count: number } | undefined;
    if (options.apply) {
      await dialog.getByTestId('ttl-apply-existing').check();
      await dialog.getByTestId('ttl-save').click();
      const confirm = dialog.getByTestId('ttl-apply-confirm');
      await expect(confirm).toBeVisible();
      confirmed = {
        confirm: (await confirm.textContent()) ?? '',
        count: Number(await confirm.getAttribute('data-count')),
      };
    }
    await dialog.getByTestId('ttl-save').click();
    await expect(dialog).toBeHidden();
    await expect(this.ttlRow(resource)).toHaveAttribute('data-ttl', String(ttl));
    return confirmed;
  }

  async resetTtl(resource: string): Promise<void> {
    const row = this.ttlRow(resource);
    if ((await row.getAttribute('data-source')) === 'resource') await row.getByTestId('ttl-reset').click();
    await expect(row).toHaveAttribute('data-source', 'default');
  }
}
