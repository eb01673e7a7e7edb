/**
 * The renderer's registry (renderer/src/app/features.ts): every feature folder is registered, what
 * the features declare is real (contract queries, the core's record tables), the navbar keeps its
 * order and permissions, and the client announces what a call or a job wrote so the queries showing
 * it are refetched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { contract, isMethodName, type CivicDeskBridge, type EventEnvelope, type Result } from '../../shared/contract';
import { RECORD_TABLES } from '../../electron/core/registry';
import { FEATURES, REGISTRY } from '../../renderer/src/app/features';
import { buildRegistry } from '../../renderer/src/app/registry/registry';
import { createApiClient } from '../../renderer/src/app/api/client';
import { contractKey, invalidateOnChange } from '../../renderer/src/app/api/queries';

const FEATURES_DIR = path.resolve(import.meta.dirname, '../../renderer/src/features');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The contract queries a source file asks for by name (useContractQuery / contractKey). */
function queriesAskedIn(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/\b(?:useContractQuery|contractKey)\(\s*'([\w.]+)'/g)].map((m) => m[1]);
}

describe('the renderer registry', () => {
  it('names every folder under renderer/src/features, and each named folder exists with its feature file', () => {
    const folders = fs
      .readdirSync(FEATURES_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const named = [...new Set(FEATURES.map((f) => f.folder))].sort();
    expect(folders.filter((f) => !named.includes(f))).toEqual([]);
    expect(named.filter((f) => !folders.includes(f))).toEqual([]);
    for (const folder of folders) {
      expect(['feature.ts', 'feature.tsx'].some((file) => fs.existsSync(path.join(FEATURES_DIR, folder, file))), `${folder}/feature.ts(x)`).toBe(true);
    }
  });

  it('declares only contract queries, each by one feature, showing record tables the core knows', () => {
    const seen = new Map<string, string>();
    for (const feature of FEATURES) {
      for (const [method, shown] of Object.entries(feature.queries ?? {})) {
        expect(isMethodName(method) && contract[method].kind, `${feature.id}: ${method}`).toBe('query');
        expect(seen.get(method), `${method} declared twice`).toBeUndefined();
        seen.set(method, feature.id);
        if (shown !== 'all') expect(shown.filter((entity) => !RECORD_TABLES.has(entity)), `${feature.id}: ${method}`).toEqual([]);
      }
    }
    expect(REGISTRY.queries.size).toBe(seen.size);
  });

  it('declares every query a feature asks, so a write to what it shows refetches it', () => {
    const asked = new Set(sourceFiles(FEATURES_DIR).flatMap(queriesAskedIn));
    expect(asked.size).toBeGreaterThan(10);
    expect([...asked].filter((method) => !REGISTRY.queries.has(method as never)).sort()).toEqual([]);
  });

  it('refuses a query that is not a contract query, and anything claimed by two features', () => {
    // A mutation is not something a screen shows; a misspelt method is nothing at all.
    expect(() => buildRegistry([{ id: 'x', folder: 'x', queries: Object.fromEntries([['residents.create', ['residents']]]) }])).toThrow(/residents.create, which is not a contract query/);
    expect(() => buildRegistry([{ id: 'x', folder: 'x', queries: Object.fromEntries([['residents.fetch', ['residents']]]) }])).toThrow(/not a contract query/);
    expect(() => buildRegistry([{ id: 'a', folder: 'a', queries: { 'grids.list': ['grids'] } }, { id: 'b', folder: 'b', queries: { 'grids.list': ['grids'] } }])).toThrow(
      /query grids.list is registered by two features \(a and b\)/,
    );
    const page = { path: '/x', element: <p /> };
    expect(() => buildRegistry([{ id: 'a', folder: 'a', routes: [page] }, { id: 'b', folder: 'b', routes: [page] }])).toThrow(/route \/x/);
    expect(() => buildRegistry([{ id: 'a', folder: 'a' }, { id: 'a', folder: 'b' }])).toThrow(/feature a/);
  });

  it('gives the navbar in the order a clerk meets it, each entry with its permission', () => {
    // A module replacing its placeholder keeps its place, path and permission; a new module may add an
    // entry anywhere, so these are checked in order among the entries, not as the whole list.
    const expected = [
      ['home', '/', null],
      ['residents', '/residents', 'records.read'],
      ['assistance', '/assistance', 'records.read'],
      ['eldercare', '/eldercare', 'records.read'],
      ['governance', '/governance', 'records.read'],
      ['reports', '/reports', 'records.read'],
      // 数据报送 asks sync.status (records.read); its placeholder had office.read, which every role with records.read also has.
      ['sync', '/sync', 'records.read'],
      ['audit', '/audit', 'audit.read'],
      ['settings', '/settings', null],
    ];
    const known = new Set(expected.map(([id]) => id));
    const nav = REGISTRY.nav.map((n) => [n.id, n.path, n.permission ?? null]);
    expect(nav.filter(([id]) => known.has(id as string))).toEqual(expected);
    expect(new Set(nav.map(([id]) => id)).size).toBe(nav.length);
  });

  it('finds the queries that show a changed entity, across features', () => {
    // (Containment, not equality: a later module's queries may show these entities too.)
    const showing = (changed: string[]) => REGISTRY.queriesShowing(changed);
    expect(showing(['users'])).toEqual(expect.arrayContaining(['accounts.users.list', 'system.changes.list', 'system.info']));
    expect(showing(['users'])).not.toContain('residents.get');
    // A split writes these three: the resident's page and list, the household card, the history.
    expect(showing(['household_members', 'households', 'residents'])).toEqual(
      expect.arrayContaining(['households.get', 'households.periodsOf', 'residents.get', 'residents.list', 'residents.search', 'residents.checkDuplicates', 'system.changes.list']),
    );
    expect(showing(['household_members', 'households', 'residents'])).not.toContain('accounts.users.list');
    expect(showing(['grids'])).toContain('grids.list');
    expect(showing([])).toEqual([]);
  });
});

/** A bridge that answers every call with `answer` and lets the test push events. */
function fakeBridge(answer: Result<unknown>) {
  const listeners = new Set<(e: EventEnvelope) => void>();
  const bridge: CivicDeskBridge = {
    invoke: async () => answer,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  const emit = (e: EventEnvelope) => listeners.forEach((l) => l(e));
  return { bridge, emit, listeners };
}

describe('the client announces what a call or a job wrote', () => {
  it('from a call’s result, failed or not, and from a finished job; nothing when nothing was written', async () => {
    const { bridge, emit, listeners } = fakeBridge({ ok: true, value: { cancelled: true }, changed: ['users'] });
    const client = createApiClient(bridge);
    const seen: (readonly string[])[] = [];
    const off = client.onChanged((changed) => seen.push(changed));
    await client.call('jobs.cancel', { jobId: 'j' });
    emit({ event: 'job.finished', payload: { jobId: 'j', method: 'imports.commit', result: { ok: false, error: { code: 'CANCELLED', message: '' }, changed: ['residents'] } } });
    emit({ event: 'job.finished', payload: { jobId: 'k', method: 'exports.residents', result: { ok: true, value: {} } } });
    emit({ event: 'job.progress', payload: { jobId: 'k', method: 'exports.residents', done: 1, total: 2 } });
    expect(seen).toEqual([['users'], ['residents']]);
    off();
    expect(listeners.size).toBe(0); // no listener left: it stops watching jobs

    const quiet = createApiClient(fakeBridge({ ok: false, error: { code: 'STALE_VERSION', message: '' } }).bridge);
    const none: unknown[] = [];
    quiet.onChanged((changed) => none.push(changed));
    await quiet.call('accounts.users.update', { id: '0190a8e2-0000-7000-8000-000000000000', version: 1, disabled: true }).catch(() => undefined);
    expect(none).toEqual([]);
  });

  it('invalidates the registered queries showing what was written, and leaves the others', async () => {
    const { bridge } = fakeBridge({ ok: true, value: { cancelled: true }, changed: ['users'] });
    const client = createApiClient(bridge);
    const queryClient = new QueryClient();
    queryClient.setQueryData(contractKey('accounts.users.list', {}), []);
    queryClient.setQueryData(contractKey('residents.get', { id: 'r' }), {});
    const off = invalidateOnChange(client, queryClient, REGISTRY.queriesShowing);
    await client.call('jobs.cancel', { jobId: 'j' });
    expect(queryClient.getQueryState(contractKey('accounts.users.list', {}))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(contractKey('residents.get', { id: 'r' }))?.isInvalidated).toBe(false);
    off();
    queryClient.clear();
  });
});
