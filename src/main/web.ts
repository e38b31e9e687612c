/**
 * `npm run web`: the console in a browser. Same core, same contract, served on 127.0.0.1.
 * No Electron import here (this file is bundled next to index.js and run with plain node).
 */
import { join } from 'node:path';
import { loadConfig } from './config';
import { createCore } from './core';
import { redactCredentials } from './secrets-redactor/credential-patterns';
import { startWebServer } from './web/server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const core = await createCore(config, { runtime: 'web' });
  const server = await startWebServer({
    core,
    staticDir: process.env.TMS_RENDERER_DIR ?? join(__dirname, '../renderer'),
    port: process.env.PORT ? Number(process.env.PORT) : 0,
    ...(process.env.TMS_WEB_TOKEN ? { token: process.env.TMS_WEB_TOKEN } : {}),
  });
  console.log(`TMS Console (browser mode) is running. Open:\n  ${server.openUrl}`);

  let closing = false;
  const shutdown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  // before the core (and its secret registry) exists: hide credentials by their form (REDIS_URL…)
  console.error(
    `TMS Console could not start: ${redactCredentials(error instanceof Error ? error.message : String(error))}`,
  );
  process.exit(1);
});
