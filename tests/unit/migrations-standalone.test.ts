/**
 * A migration does the same thing forever: it imports no app code (which may change after its
 * version) — only Node built-ins, npm packages and types. What it needs from the app it copies,
 * frozen at its version.
 */
import { describe, expect, it } from 'vitest';
import { checkMigrationImports, formatViolation, readFacts, scanSource, sourceFiles } from '../support/source-scan';

describe('migrations stand alone', () => {
  it('no file under electron/core/db/migrations imports app code (types aside)', () => {
    const files = sourceFiles('electron/core/db/migrations');
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.flatMap((f) => checkMigrationImports(f, readFacts(f))).map(formatViolation)).toEqual([]);
  });

  it('the check finds value imports of app code by any form, and lets types, built-ins and packages through', () => {
    const src = [
      "import type { Migration } from '../migrate';",
      "import { type Db, type Row } from '../connection';",
      "import { createHmac } from 'node:crypto';",
      "import { pinyin } from 'pinyin-pro';",
      "import { buildSearchDocument } from '../../residents/search/document';",
      "import { GENESIS_HASH, type ChainEntry } from '../../audit/chain';",
      "import { AUDIT_ACTIONS } from '@shared/domain/audit';",
      "export { helper } from './shared-helper';",
      "const later = () => import('../../residents/search/document');",
      "import '../../side-effect';",
      "export type { Migration } from '../migrate';",
    ].join('\n');
    const file = 'electron/core/db/migrations/0099-x.ts';
    expect(checkMigrationImports(file, scanSource(file, src)).map((v) => v.line)).toEqual([5, 6, 7, 8, 9, 10]);
  });
});
