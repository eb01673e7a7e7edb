/**
 * The benchmark runner. Each issue that adds figures adds a bench to BENCHES; the output shape is
 * fixed: {"scale": N, "figures": [{"name", "value", "baseline"?}]}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Bench, Figure } from './harness';
import { foundationBench } from './foundation.bench';
import { openBench, residentsBench } from './residents.bench';
import { importsBench } from './imports.bench';
import { crashSoakBench } from './crash-soak.bench';
import { eldercareCoverageBench } from './eldercare-coverage.bench';
import { eldercareStatsBench } from './eldercare-stats.bench';
import { eldercareMapBench } from './eldercare-map.bench';
import { syncBench } from './sync.bench';

// `open` is the sign-in figures of `residents` alone (it runs only when asked: --only open).
const BENCHES: Record<string, Bench> = {
  foundation: foundationBench,
  residents: residentsBench,
  imports: importsBench,
  'crash-soak': crashSoakBench,
  open: openBench,
  'eldercare-coverage': eldercareCoverageBench,
  'eldercare-stats': eldercareStatsBench,
  'eldercare-map': eldercareMapBench,
  sync: syncBench,
};
const ONLY_WHEN_ASKED = new Set(['open']);

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: 'string', default: '500000' }, json: { type: 'boolean' }, only: { type: 'string' } },
  });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale must be a positive integer, got ${values.scale}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-bench-'));
  const figures: Figure[] = [];
  try {
    for (const [name, bench] of Object.entries(BENCHES)) {
      if (values.only ? values.only !== name : ONLY_WHEN_ASKED.has(name)) continue;
      process.stderr.write(`bench ${name} …\n`);
      figures.push(...(await bench({ scale, dir, log: (m) => process.stderr.write(`  ${m}\n`) })));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify({ scale, figures }, null, values.json ? 0 : 2) + '\n');
}
