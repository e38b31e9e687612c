import type { Locator } from '@playwright/test';
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

  async searchSchemas(text: string): Promise<void> {
    await this.root.getByTestId('schema-search').fill(text);
  }
}
