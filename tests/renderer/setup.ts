/**
 * jsdom lacks a few browser APIs Mantine relies on (TOOLCHAIN.md): matchMedia, ResizeObserver,
 * scrollIntoView. Testing Library's automatic cleanup needs vitest globals, which this project
 * does not enable, so cleanup is registered here.
 */
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
}

class ResizeObserverShim implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
// jsdom has none; the DOM typings claim it always exists, hence the typeof check.
if (typeof window.ResizeObserver === 'undefined') window.ResizeObserver = ResizeObserverShim;

if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => undefined;
if (!window.scrollTo) window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
  // HashRouter keeps its place in the URL; each test starts on the home route.
  window.history.replaceState(null, '', '/');
  document.documentElement.lang = 'zh-CN';
});
