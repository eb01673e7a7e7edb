/**
 * The rules of the house (ARCHITECTURE.md), checked over the real source files. A failure names
 * the file and line that break a rule.
 */
import { describe, expect, it } from 'vitest';
import {
  checkNoElectron,
  checkRendererImports,
  checkSharedImports,
  checkSql,
  formatViolation,
  mayHoldSql,
  readFacts,
  scanSource,
  sourceFiles,
  type SourceFacts,
  type Violation,
} from '../support/source-scan';

function violations(dirs: string[], check: (file: string, facts: SourceFacts) => Violation[]): { files: number; found: string[] } {
  const files = dirs.flatMap((d) => sourceFiles(d));
  return { files: files.length, found: files.flatMap((f) => check(f, readFacts(f))).map(formatViolation) };
}

describe('house boundaries in the source tree', () => {
  it('electron/core, electron/cli and electron/bureau never import electron', () => {
    const { files, found } = violations(['electron/core', 'electron/cli', 'electron/bureau'], checkNoElectron);
    expect(files).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('shared/ never imports node:*, Node built-ins (fs, path, os, crypto …) or electron', () => {
    const { files, found } = violations(['shared'], checkSharedImports);
    expect(files).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });

  it('renderer/ imports only itself, shared/ and npm packages', () => {
    const { files, found } = violations(['renderer'], checkRendererImports);
    expect(files).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });

  it('no SQL outside electron/core/**/repository.ts and electron/core/db/**', () => {
    const { files, found } = violations(['electron', 'shared', 'renderer', 'bin', 'scripts'], checkSql);
    expect(files).toBeGreaterThan(30);
    expect(found).toEqual([]);
  });

  it('the SQL scan does read the repositories: they are full of SQL it would flag elsewhere', () => {
    const repository = 'electron/core/accounts/repository.ts';
    expect(mayHoldSql(repository)).toBe(true);
    expect(checkSql('electron/core/accounts/not-a-repository.ts', readFacts(repository)).length).toBeGreaterThan(3);
  });
});

describe('the checks themselves (so a clean tree means something)', () => {
  it('find an electron import in core, with its line, and ignore one in a comment', () => {
    const facts = scanSource('electron/core/x.ts', "// never import 'electron' here\nimport fs from 'node:fs';\nimport { app } from 'electron';\n");
    expect(checkNoElectron('electron/core/x.ts', facts).map(formatViolation)).toEqual([
      "electron/core/x.ts:3: imports 'electron' (core, CLI and bureau run in plain Node)",
    ]);
  });

  it('find Node built-ins and electron in shared/, by any import form', () => {
    const src = [
      "import { z } from 'zod';",
      "import fs from 'fs';",
      "import { join } from 'node:path';",
      "export { x } from 'crypto';",
      "const os = require('os');",
      "const later = () => import('electron');",
      "import { a } from '../domain/roles';",
    ].join('\n');
    const found = checkSharedImports('shared/x.ts', scanSource('shared/x.ts', src)).map((v) => v.line);
    expect(found).toEqual([2, 3, 4, 5, 6]);
  });

  it('find renderer imports that leave renderer/ and shared/, or use Node or Electron', () => {
    const src = [
      "import { Button } from '@mantine/core';",
      "import { contract } from '../../../shared/contract';",
      "import { roles } from '@shared/domain/roles';",
      "import { x } from './local';",
      "import { CoreHost } from '../../../electron/core/host';",
      "import { ipcRenderer } from 'electron';",
      "import path from 'node:path';",
      "import os from 'os';",
      "import logo from '../../../resources/logo.png?url';",
    ].join('\n');
    const found = checkRendererImports('renderer/src/app/x.tsx', scanSource('renderer/src/app/x.tsx', src)).map((v) => v.line);
    expect(found).toEqual([5, 6, 7, 8, 9]);
  });

  it('find SQL in string and template literals outside repositories, not in comments or prose', () => {
    const src = [
      '// SELECT * FROM users is what the repository does',
      "const a = 'Please update to the latest version';",
      "const b = db.prepare('SELECT id FROM users');",
      'const c = `UPDATE ${table} SET x = 1`;',
      'const d = "DELETE FROM change_log";',
      "const e = 'INSERT INTO residents (id) VALUES (?)';",
    ].join('\n');
    const file = 'electron/core/residents/service.ts';
    expect(checkSql(file, scanSource(file, src)).map((v) => v.line)).toEqual([3, 4, 5, 6]);
    expect(checkSql('electron/core/residents/repository.ts', scanSource(file, src))).toEqual([]);
    expect(checkSql('electron/core/db/writes.ts', scanSource(file, src))).toEqual([]);
  });
});
