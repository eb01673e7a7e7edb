import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppPageUrl, isTrustedFrame, resolveAppPage } from '../../electron/main/app-page';

// A folder with a space and Chinese characters, as on a clerk's PC ("C:\Users\王芳\…").
const mainDir = path.resolve('tmp', '王芳 的 电脑', 'resources', 'app.asar', 'out', 'main');
const page = resolveAppPage({ isPackaged: true, mainDir });
const appUrl = 'app://civicdesk/index.html';
/** Where the window's page used to come from: the same built file, over file://. */
const fileUrl = pathToFileURL(path.join(mainDir, '..', 'renderer', 'index.html')).href;

describe('the app page', () => {
  it('is app://civicdesk/index.html, served from the built renderer next to the main bundle', () => {
    expect(page).toEqual({ kind: 'app', url: appUrl, origin: 'app://civicdesk', root: path.join(mainDir, '..', 'renderer') });
  });

  it('matches its own origin, with any hash or query', () => {
    expect(isAppPageUrl(page, appUrl)).toBe(true);
    expect(isAppPageUrl(page, appUrl + '#/households/1')).toBe(true);
    expect(isAppPageUrl(page, appUrl + '?lang=en')).toBe(true);
    expect(isAppPageUrl(page, 'app://civicdesk/')).toBe(true);
  });

  it('is not the built index.html over file:// any more, nor any other file URL', () => {
    expect(isAppPageUrl(page, fileUrl)).toBe(false);
    expect(isAppPageUrl(page, fileUrl + '#/')).toBe(false);
    expect(isAppPageUrl(page, 'file:///etc/passwd')).toBe(false);
    expect(isTrustedFrame(page, { url: fileUrl, parent: null })).toBe(false);
  });

  it('does not match another host, port or user on the scheme, other schemes or garbage', () => {
    expect(isAppPageUrl(page, 'app://evil/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'app://civicdesk.evil/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'app://civicdesk:8080/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'app://user@civicdesk/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'apps://civicdesk/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'https://civicdesk/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'https://example.com/index.html')).toBe(false);
    expect(isAppPageUrl(page, 'about:blank')).toBe(false);
    expect(isAppPageUrl(page, 'not a url')).toBe(false);
    expect(isAppPageUrl(page, '')).toBe(false);
  });

  it('in development is the loopback dev server origin, and nothing else', () => {
    const dev = resolveAppPage({ isPackaged: false, rendererUrl: 'http://localhost:5173', mainDir });
    expect(isAppPageUrl(dev, 'http://localhost:5173/#/login')).toBe(true);
    expect(isAppPageUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAppPageUrl(dev, appUrl)).toBe(false);
    expect(isAppPageUrl(dev, fileUrl)).toBe(false);
    expect(() => resolveAppPage({ isPackaged: false, rendererUrl: 'https://example.com/', mainDir })).toThrow(/loopback/);
    expect(() => resolveAppPage({ isPackaged: false, rendererUrl: 'file:///tmp/x.html', mainDir })).toThrow(/loopback/);
    expect(() => resolveAppPage({ isPackaged: false, rendererUrl: 'app://civicdesk/', mainDir })).toThrow(/loopback/);
  });

  it('an unpackaged run without a dev server is the app page too', () => {
    expect(resolveAppPage({ isPackaged: false, mainDir })).toEqual(page);
  });

  it('trusts only the top frame of the app page', () => {
    expect(isTrustedFrame(page, { url: appUrl, parent: null })).toBe(true);
    expect(isTrustedFrame(page, { url: appUrl, parent: {} })).toBe(false);
    expect(isTrustedFrame(page, { url: appUrl, parent: null, detached: true })).toBe(false);
    expect(isTrustedFrame(page, { url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedFrame(page, null)).toBe(false);
  });
});
