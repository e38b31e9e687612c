/// <reference types="vite/client" />
import type { TmsBridge } from '@shared/contract';

declare global {
  interface Window {
    /** exposed by the preload in Electron; absent in browser mode */
    tms?: TmsBridge;
  }
}
