import { test as base, expect } from '@playwright/test';
import { Redis } from 'ioredis';
import { ConsolePage } from '../pages/console-page';

interface Fixtures {
  console: ConsolePage;
  /** a separate client to the suite's own Redis, to check what the console wrote */
  redis: Redis;
}

export const test = base.extend<Fixtures>({
  console: async ({ page }, use) => {
    const consolePage = new ConsolePage(page, process.env.TMS_E2E_URL!, process.env.TMS_E2E_TOKEN!);
    await consolePage.open();
    await use(consolePage);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring
  redis: async ({}, use) => {
    const client = new Redis(process.env.TMS_E2E_REDIS_URL!, { maxRetriesPerRequest: 1 });
    await use(client);
    client.disconnect();
  },
});

export { expect };
