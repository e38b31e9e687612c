/**
 * Sandboxed preload (bundled as one CommonJS file): exposes `window.tms`, a frozen object with one
 * method per contract channel and a contract-checked `on`. ipcRenderer itself is never exposed.
 */

import { createBridge } from '@shared/bridge';
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('tms', createBridge(ipcRenderer));
