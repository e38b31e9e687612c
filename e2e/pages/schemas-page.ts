import { expect, type Locator } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { ViewPage } from './view-page';

export class SchemasPage extends ViewPage {
  constructor(app: ConsolePage) {
    super(app, 'schemas');
  }

  get schemas(): Locator {
    return this.root.getByTestId('schema-item');
  }

  get tables(): Locator {
    return this.root.getByTestId('table-item');
  }

  get columns(): Locator {
    return this.root.getByTestId('column-item');
  }

  /** "objects your account can access": shown when the lists come from ALL_* instead of DBA_* */
  get dictionaryNote(): Locator {
    return this.root.getByTestId('dictionary-note');
  }

  get tableInfo(): Locator {
    return this.root.getByTestId('table-info');
  }

  /** issue 15: the Columns | Indexes | Constraints tabs under the selected table */
  tab(id: 'columns' | 'indexes' | 'constraints'): Locator {
    return this.root.getByTestId(`table-tab-${id}`);
  }

  index(name: string): Locator {
    return this.root.locator(`[data-testid="index-item"][data-name="${name}"]`);
  }

  constraint(name: string): Locator {
    return this.root.locator(`[data-testid="constraint-item"][data-name="${name}"]`);
  }

  async openTable(schema: string, table: string): Promise<void> {
    await this.root.locator(`[data-testid="schema-item"][data-name="${schema}"]`).click();
    await this.root.locator(`[data-testid="table-item"][data-name="${table}"]`).click();
    await expect(this.tableInfo).toBeVisible();
  }

  async searchSchemas(text: string): Promise<void> {
    await this.root.getByTestId('schema-search').fill(text);
  }
}
