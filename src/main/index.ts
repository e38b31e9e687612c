/**
 * Electron entry (out/main/index.js). The only main-process file that imports electron:
 * it hands the Electron modules to the shell in ./electron and the core factory from ./core.
 */
import { join } from 'node:path';
import * as electron from 'electron';
import { loadConfig } from './config';
import { createCore } from './core';
import { startElectronApp } from './electron/main-process';

startElectronApp(electron, {
  createCore,
  loadConfig,
  preloadPath: join(__dirname, '../preload/index.js'),
  indexHtml: join(__dirname, '../renderer/index.html'),
  // passwords and API keys are encrypted with the OS keychain (safeStorage)
  platformExtras: (e) => ({ safeStorage: e.safeStorage }),
});
