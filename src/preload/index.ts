/**
 * Sandboxed preload (bundled as one CommonJS file): exposes `window.tms`, a frozen object with one
 * method per contract channel and a contract-checked `on`. ipcRenderer itself is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('tms', createBridge(ipcRenderer));
