import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, methodNames, type Result } from '../../shared/contract';
import type { CoreEventListener } from '../../electron/core/worker-client';
import { resolveAppPage, type FrameLike } from '../../electron/main/app-page';
import { connectionIdFor, ipcChannels, registerIpc, type AppWebContents, type InvokeHandler } from '../../electron/main/ipc';

const mainDir = path.resolve('out', 'main');
const page = resolveAppPage({ isPackaged: true, mainDir });
const appUrl = 'app://civicdesk/index.html#/';
/** The built page over file://, where the window loaded it before app:// (no longer the app). */
const builtFileUrl = pathToFileURL(path.resolve('out', 'renderer', 'index.html')).href + '#/';

/** A core that records every call and answers with a fixed Result object. */
function fakeCore() {
  const calls: { connectionId: string; method: string; input: unknown }[] = [];
  const listeners = new Set<CoreEventListener>();
  const answer: Result<unknown> = { ok: true, value: { echoed: true } };
  return {
    calls,
    answer,
    emit: (...args: Parameters<CoreEventListener>) => listeners.forEach((l) => l(...args)),
    dispatch: vi.fn(async (connectionId: string, method: string, input: unknown) => {
      calls.push({ connectionId, method, input });
      return answer;
    }),
    onEvent: (listener: CoreEventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function setup() {
  const handlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: InvokeHandler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const core = fakeCore();
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const door = registerIpc({ ipcMain, core, page, log });
  const call = (method: string, frame: FrameLike | null, input: unknown, senderId = 7) => {
    const handler = handlers.get(IPC_METHOD_PREFIX + method);
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler({ sender: { id: senderId }, senderFrame: frame }, input);
  };
  return { handlers, ipcMain, core, log, door, call };
}

function fakeContents(id: number, url = appUrl) {
  const sent: unknown[][] = [];
  let onDestroyed: (() => void) | undefined;
  const contents: AppWebContents = {
    id,
    isDestroyed: () => false,
    getURL: () => url,
    send: (channel, envelope) => sent.push([channel, envelope]),
    once: (_event, listener) => {
      onDestroyed = listener;
    },
  };
  return { contents, sent, destroy: () => onDestroyed?.() };
}

const topFrame: FrameLike = { url: appUrl, parent: null };

describe('IPC door', () => {
  it('registers exactly one handler per contract method, named contract:<method>', () => {
    const { ipcMain, handlers, door } = setup();
    expect(ipcMain.handle).toHaveBeenCalledTimes(methodNames.length);
    for (const method of methodNames) expect(handlers.has(IPC_METHOD_PREFIX + method)).toBe(true);
    expect([...handlers.keys()].sort()).toEqual([...ipcChannels()].sort());
    expect([...door.channels].sort()).toEqual([...ipcChannels()].sort());
    expect(new Set(ipcChannels()).size).toBe(methodNames.length);
  });

  it.each([
    ['another page', { url: 'https://example.com/', parent: null }],
    ['another local file', { url: pathToFileURL(path.resolve('out', 'renderer', 'evil.html')).href, parent: null }],
    ['the built index.html over file://', { url: builtFileUrl, parent: null }],
    ['another host on the app scheme', { url: 'app://evil/index.html#/', parent: null }],
    ['a subframe of the app page', { url: appUrl, parent: { url: appUrl } }],
    ['a detached frame', { url: appUrl, parent: null, detached: true }],
    ['a frame that is gone', null],
  ] satisfies [string, FrameLike | null][])('answers FORBIDDEN to %s and never calls the core', async (_name, frame) => {
    const { call, core, log } = setup();
    const result = await call('accounts.session', frame, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('forwards a trusted call as ipc:<webContents id> with the input untouched, and returns the Result unchanged', async () => {
    const { call, core } = setup();
    const input = { username: 'wangfang', password: 'x', extra: [1, { nested: true }] };
    const result = await call('accounts.login', topFrame, input, 42);
    expect(result).toBe(core.answer);
    expect(core.calls).toEqual([{ connectionId: 'ipc:42', method: 'accounts.login', input }]);
    expect(core.calls[0].input).toBe(input);
    expect(connectionIdFor(42)).toBe('ipc:42');
  });

  it('turns a failing core client into INTERNAL with a reference, logging the stack', async () => {
    const { call, core, log } = setup();
    core.dispatch.mockRejectedValueOnce(new Error('worker gone'));
    const result = await call('accounts.session', topFrame, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', ref: expect.stringMatching(/^[0-9A-F]{8}$/) } });
    expect(log.error.mock.calls[0][0]).toMatch(/worker gone/);
  });

  it('sends core events to the matching window only, and broadcasts connection-less ones', () => {
    const { door, core } = setup();
    const a = fakeContents(1);
    const b = fakeContents(2);
    door.attach(a.contents);
    door.attach(b.contents);
    core.emit('ipc:2', 'session.changed', { state: 'locked' });
    expect(a.sent).toEqual([]);
    expect(b.sent).toEqual([[IPC_EVENT_CHANNEL, { event: 'session.changed', payload: { state: 'locked' } }]]);
    core.emit(null, 'session.changed', { state: 'ended' });
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(2);
    core.emit('http:abc', 'session.changed', { state: 'ended' });
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(2);
  });

  it('does not send events to a window that left the app page', () => {
    const { door, core } = setup();
    const away = fakeContents(3, 'https://example.com/');
    door.attach(away.contents);
    core.emit('ipc:3', 'session.changed', { state: 'locked' });
    expect(away.sent).toEqual([]);
    const onFile = fakeContents(4, builtFileUrl);
    door.attach(onFile.contents);
    core.emit('ipc:4', 'session.changed', { state: 'locked' });
    expect(onFile.sent).toEqual([]);
  });

  it('logs the session out when its window is destroyed', () => {
    const { door, core } = setup();
    const w = fakeContents(5);
    door.attach(w.contents);
    w.destroy();
    expect(core.calls).toEqual([{ connectionId: 'ipc:5', method: 'accounts.logout', input: {} }]);
    core.emit('ipc:5', 'session.changed', { state: 'ended' });
    expect(w.sent).toEqual([]);
  });

  it('removes every handler on dispose', () => {
    const { door, handlers } = setup();
    door.dispose();
    expect(handlers.size).toBe(0);
  });
});
