import type { TmsBridge } from '@shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode (the renderer then uses the web transport). */
    tms?: TmsBridge;
  }
}
