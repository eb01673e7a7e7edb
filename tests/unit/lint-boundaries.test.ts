/**
 * The layering rule (eslint-plugin-boundaries in eslint.config.mjs) really bites: a deep import
 * across features, a core file reaching into a feature, or db/ importing a feature fails lint, and
 * the same names through the feature's index.ts pass. Linted as text at a path inside the tree, so
 * the plugin classifies it like a real file there.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/source-scan';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('feature boundaries (lint)', () => {
  it('refuses a deep import of another feature’s repository, and accepts the same through its index.ts', async () => {
    const deep = await boundaryErrors('electron/core/demo/probe.ts', "import { findHousehold } from '../households/repository';\nexport const p = findHousehold;\n");
    expect(deep).toEqual([expect.stringContaining('only through its index.ts')]);
    expect(await boundaryErrors('electron/core/demo/probe.ts', "import { findHousehold } from '../households';\nexport const p = findHousehold;\n")).toEqual([]);
  });

  it('refuses the core’s own files and the CLI reaching past a feature’s index.ts', async () => {
    expect(await boundaryErrors('electron/core/probe.ts', "import { findOffice } from './office/repository';\nexport const p = findOffice;\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/cli/probe.ts', "import { summaryOf } from '../core/backup/install';\nexport const p = summaryOf;\n")).toHaveLength(1);
  });

  it('lets a feature import its own files freely', async () => {
    expect(await boundaryErrors('electron/core/households/probe.ts', "import { findHousehold } from './repository';\nexport const p = findHousehold;\n")).toEqual([]);
  });

  it('refuses db/ importing any feature, even through its index.ts', async () => {
    expect(await boundaryErrors('electron/core/db/probe.ts', "import { recordAudit } from '../audit';\nexport const p = recordAudit;\n")).toEqual([expect.stringContaining('db/ imports no feature')]);
  });
});
