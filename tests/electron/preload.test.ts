import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_DIALOG_CHANNELS, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, methodNames, type CivicDeskBridge, type EventEnvelope } from '../../shared/contract';

const fake = await vi.hoisted(async () => (await import('./support/fake-electron')).createElectronFake());
vi.mock('electron', () => fake.module);

await import('../../electron/preload/index');

function bridge(): CivicDeskBridge {
  const exposed = fake.contextBridge.exposed.get('civicdesk');
  if (!isBridge(exposed)) throw new Error('civicdesk bridge not exposed');
  return exposed;
}

function isBridge(value: unknown): value is CivicDeskBridge {
  return typeof value === 'object' && value !== null && 'invoke' in value && 'subscribe' in value;
}

beforeEach(() => {
  fake.ipcRenderer.invoke.mockClear();
});

describe('preload', () => {
  it('exposes only window.civicdesk, with only invoke, subscribe and the three file dialogs', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['civicdesk']);
    const api = fake.contextBridge.exposed.get('civicdesk');
    expect(Object.keys(api ?? {}).sort()).toEqual(['dialogs', 'invoke', 'subscribe']);
    expect(Object.keys(bridge().dialogs ?? {}).sort()).toEqual(['chooseFolder', 'openFile', 'saveFile']);
    expect(typeof bridge().invoke).toBe('function');
    expect(typeof bridge().subscribe).toBe('function');
  });

  it('invokes a contract method on its own channel with the input as given', async () => {
    const input = { username: 'wangfang', password: 'secret12344' };
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 'answer' });
    await expect(bridge().invoke('accounts.login', input)).resolves.toEqual({ ok: true, value: 'answer' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_METHOD_PREFIX + 'accounts.login', input);
  });

  it('reaches every contract method', async () => {
    for (const method of methodNames) await bridge().invoke(method, {});
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(methodNames.length);
  });

  it.each(['no.such.method', '__proto__', 'constructor', 'toString', '', 'contract:accounts.login', 42, null, { toString: () => 'accounts.login' }])(
    'rejects %j as UNKNOWN_METHOD without touching ipcRenderer',
    async (method) => {
      // The renderer's page script could pass anything; the type only binds well-behaved callers.
      const result: unknown = await Reflect.apply(bridge().invoke, undefined, [method, {}]);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('asks main for each dialog on its own channel and answers the chosen file, or null for anything else', async () => {
    const dialogs = bridge().dialogs;
    if (!dialogs) throw new Error('no dialogs');
    const request = { kind: 'spreadsheet', title: '选择花名册', filterName: '表格' } as const;
    const chosen = { handle: 'fh_abc', name: '花名册.xlsx', path: '/home/王芳/花名册.xlsx' };
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ...chosen, extra: 'dropped' });
    await expect(dialogs.openFile(request)).resolves.toEqual(chosen);
    // A bare path (what main answered before handles) is no choice.
    fake.ipcRenderer.invoke.mockResolvedValueOnce('/home/王芳/花名册.xlsx');
    await expect(dialogs.openFile(request)).resolves.toBeNull();
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_DIALOG_CHANNELS.openFile, request);
    fake.ipcRenderer.invoke.mockResolvedValueOnce(null);
    await expect(dialogs.saveFile({ kind: 'csv', title: '', filterName: '', defaultName: '居民' })).resolves.toBeNull();
    expect(fake.ipcRenderer.invoke.mock.lastCall?.[0]).toBe(IPC_DIALOG_CHANNELS.saveFile);
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ path: '/x' });
    await expect(dialogs.chooseFolder({ title: '' })).resolves.toBeNull();
    expect(fake.ipcRenderer.invoke.mock.lastCall?.[0]).toBe(IPC_DIALOG_CHANNELS.chooseFolder);
  });

  it('passes subscribers only the event envelope, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    const unsubscribe = bridge().subscribe(listener);
    const envelope: EventEnvelope = { event: 'job.progress', payload: { jobId: 'j1', method: 'system.backup', done: 1, total: 2 } };
    const ipcEvent = { sender: fake.ipcRenderer, senderId: 0, ports: [] };
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, envelope);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([envelope]);
    unsubscribe();
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, envelope);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('keeps one ipcRenderer listener for many subscribers, and one faulty subscriber does not starve the rest', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = vi.fn(() => {
      throw new Error('boom');
    });
    const second = vi.fn();
    const offs = [bridge().subscribe(first), bridge().subscribe(second), bridge().subscribe(second)];
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event: 'session.changed', payload: { state: 'locked' } });
    expect(second).toHaveBeenCalledTimes(2);
    expect(errors).toHaveBeenCalled();
    offs[1]();
    offs[1]();
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    offs[0]();
    offs[2]();
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    errors.mockRestore();
  });
});
