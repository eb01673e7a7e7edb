import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppPageUrl, isTrustedFrame, resolveAppPage } from '../../electron/main/app-page';

// A folder with a space and Chinese characters, as on a clerk's PC ("C:\Users\王芳\…").
const mainDir = path.resolve('tmp', '王芳 的 电脑', 'resources', 'app.asar', 'out', 'main');
const page = resolveAppPage({ isPackaged: true, mainDir });
const indexUrl = pathToFileURL(path.join(mainDir, '..', 'renderer', 'index.html')).href;

describe('the app page', () => {
  it('is the built renderer next to the main bundle', () => {
    expect(page).toEqual({ kind: 'file', file: path.join(mainDir, '..', 'renderer', 'index.html') });
  });

  it('matches its own file URL, percent-encoded, with any hash or query', () => {
    expect(indexUrl).toContain('%');
    expect(isAppPageUrl(page, indexUrl)).toBe(true);
    expect(isAppPageUrl(page, indexUrl + '#/households/1')).toBe(true);
    expect(isAppPageUrl(page, indexUrl + '?lang=en')).toBe(true);
  });

  it('does not match other files, other schemes or garbage', () => {
    expect(isAppPageUrl(page, pathToFileURL(path.join(mainDir, '..', 'renderer', 'evil.html')).href)).toBe(false);
    expect(isAppPageUrl(page, indexUrl.replace('index.html', 'index.html.evil'))).toBe(false);
    expect(isAppPageUrl(page, 'https://example.com/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'file://evil-host' + new URL(indexUrl).pathname)).toBe(false);
    expect(isAppPageUrl(page, 'about:blank')).toBe(false);
    expect(isAppPageUrl(page, 'not a url')).toBe(false);
    expect(isAppPageUrl(page, '')).toBe(false);
  });

  it('in development is the loopback dev server origin, and nothing else', () => {
    const dev = resolveAppPage({ isPackaged: false, rendererUrl: 'http://localhost:5173', mainDir });
    expect(isAppPageUrl(dev, 'http://localhost:5173/#/login')).toBe(true);
    expect(isAppPageUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAppPageUrl(dev, indexUrl)).toBe(false);
    expect(() => resolveAppPage({ isPackaged: false, rendererUrl: 'https://example.com/', mainDir })).toThrow(/loopback/);
    expect(() => resolveAppPage({ isPackaged: false, rendererUrl: 'file:///tmp/x.html', mainDir })).toThrow(/loopback/);
  });

  it('trusts only the top frame of the app page', () => {
    expect(isTrustedFrame(page, { url: indexUrl, parent: null })).toBe(true);
    expect(isTrustedFrame(page, { url: indexUrl, parent: {} })).toBe(false);
    expect(isTrustedFrame(page, { url: indexUrl, parent: null, detached: true })).toBe(false);
    expect(isTrustedFrame(page, { url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedFrame(page, null)).toBe(false);
  });
});
