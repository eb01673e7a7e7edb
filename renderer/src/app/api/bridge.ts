import type { CivicDeskBridge } from '../../../../shared/contract';
import { createHttpBridge, takeHttpCredentials } from './http-bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser preview. */
    civicdesk?: CivicDeskBridge;
  }
}

/** Electron's preload bridge when present, else the loopback HTTP door of the browser preview. */
export function resolveBridge(win: Window = window): CivicDeskBridge {
  return win.civicdesk ?? createHttpBridge(takeHttpCredentials(win));
}
