/**
 * The core's and the CLI's registries are complete: every feature folder is named once, every
 * table shaped like a record is some feature's record table, every audit action the code records is
 * registered (and has a label), the counts `db info` and backups show come from the features, and a
 * method handled twice or by nobody stops the host from starting. When one of these fails, the fix
 * is one line in electron/core/registry.ts, a feature's feature.ts, or electron/cli/registry.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, CORE_FEATURES, INFRASTRUCTURE_FOLDERS, RECORD_TABLES, registeredHandlers } from '../../electron/core/registry';
import type { CoreFeature, HostHooks } from '../../electron/core/feature';
import { COMMANDS } from '../../electron/cli/registry';
import type { Command } from '../../electron/cli/command';
import { catalogs, LANGUAGES } from '../../shared/i18n';
import { REPO_ROOT, sourceFiles } from '../support/source-scan';
import { registerHousehold, setupRegistry } from '../support/residents-registry';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { expectOk } from '../support/results';

afterEach(disposeTestResources);

const features: readonly CoreFeature[] = CORE_FEATURES;
const coreDir = path.join(REPO_ROOT, 'electron/core');
const folders = fs
  .readdirSync(coreDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .filter((name) => !(INFRASTRUCTURE_FOLDERS as readonly string[]).includes(name));

const noHost: HostHooks = {
  replaceDatabase: () => Promise.reject(new Error('not in this test')),
  database: () => {
    throw new Error('not in this test');
  },
  cancelJob: () => false,
  databaseCheck: () => ({ state: 'unfinished', reason: 'off' }),
  demoSteps: () => [],
  dailyScans: () => [],
  syncTables: () => [],
  bureauUpdates: () => new Map(),
  bureauFigures: () => new Map(),
};

describe('the core registry', () => {
  it('names every feature folder under electron/core exactly once, each with its feature.ts', () => {
    expect(folders.length).toBeGreaterThan(8);
    expect([...features.map((f) => f.folder)].sort()).toEqual([...folders].sort());
    for (const folder of folders) expect(fs.existsSync(path.join(coreDir, folder, 'feature.ts')), folder).toBe(true);
  });

  it('calls every table shaped like a record (id, version, timestamps, tombstone) some feature’s record table, and no other', async () => {
    const t = createTestHost();
    await setupRegistry(t);
    const tables = t.host.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const recordShaped = tables.filter((table) => {
      const columns = new Set((t.host.db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
      return ['id', 'version', 'created_at', 'updated_at', 'deleted_at'].every((c) => columns.has(c));
    });
    expect([...RECORD_TABLES].sort()).toEqual(recordShaped.sort());
    const owners = features.flatMap((f) => f.recordTables ?? []);
    expect(owners.length).toBe(new Set(owners).size);
  });

  it('counts only tables its features own, and db info shows the same counts a backup header carries', async () => {
    for (const f of features) for (const table of Object.values(f.counts ?? {})) expect(f.recordTables ?? [], `${f.folder} counts ${table}`).toContain(table);
    const t = createTestHost();
    const office = await setupRegistry(t);
    await registerHousehold(t, office.clerk.conn, ['马建国', '海秀兰', '马小龙']);
    const info = expectOk(await t.call(office.adminConn, 'system.info', {}));
    expect(info.counts).toMatchObject({ residents: 3, households: 1, grids: 0, users: 4 });
    expect(info.counts.changeLog).toBeGreaterThan(0);
    expect(info.counts.auditLog).toBeGreaterThan(0);
    const backup = await t.host.runJob(office.adminConn, 'backup.create', { folder: t.dir });
    // The copy is taken before the backup's own audit entry is written: the counts db info showed just before.
    expect(backup.ok && (backup.value as { counts: unknown }).counts).toEqual(info.counts);
  });

  it('registers every audit action the code records, each with a label in every language', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('electron/core')) {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      for (const m of text.matchAll(/\(\s*ctx\s*,\s*'([a-z]+(?:\.[a-z]+)*)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((a) => !AUDIT_ACTIONS.has(a))).toEqual([]);
    for (const language of LANGUAGES) {
      const labels = catalogs[language].audit.actions as Record<string, string>;
      expect([...AUDIT_ACTIONS].filter((a) => !labels[a.replace(/\./g, '_')]), language).toEqual([]);
    }
  });

  it('gives every contract method exactly one handler: a second claim or a gap stops the host', () => {
    expect(() => registeredHandlers(noHost)).not.toThrow();
    const residents = features.find((f) => f.folder === 'residents')!;
    expect(() => registeredHandlers(noHost, [...features, { folder: 'copy', handlers: residents.handlers }])).toThrow(/residents\.\w+ has a handler in two features/);
    expect(() => registeredHandlers(noHost, features.filter((f) => f !== residents))).toThrow(/no feature handles residents\./);
    expect(() => registeredHandlers(noHost, [...features, { folder: 'stray', handlers: { 'stray.method': () => ({}) } as CoreFeature['handlers'] }])).toThrow(/not list/);
  });
});

describe("the CLI's registry", () => {
  it('lists every command exported from electron/cli/commands, once, each with its help line in every language', async () => {
    const exported: Command[] = [];
    for (const file of sourceFiles('electron/cli/commands')) {
      const mod = (await import(path.join(REPO_ROOT, file))) as Record<string, unknown>;
      for (const value of Object.values(mod)) if (value && typeof value === 'object' && 'run' in value && 'usage' in value) exported.push(value as Command);
    }
    expect(exported.length).toBeGreaterThan(10);
    expect(exported.filter((c) => !COMMANDS.includes(c)).map((c) => c.name)).toEqual([]);
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const language of LANGUAGES) {
      const help = catalogs[language].cli.commands as Record<string, string>;
      expect(COMMANDS.filter((c) => !help[c.summaryKey]).map((c) => c.name), language).toEqual([]);
    }
  });
});
