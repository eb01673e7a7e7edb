/**
 * Sync with the bureau at a city's scale (issue 14):
 * - export of 100,000 changed residents (≤ 5 s, ≤ 300 MB peak): an enrolled office (demo data, 100,000
 *   residents or --scale if smaller) whose first bundle was acknowledged, then every resident edited
 *   once; `sync.export` in a child process of its own, so its peak RSS is the export's. The first
 *   bundle of the whole demo office (every record of every module) is reported beside it;
 * - an empty export (≤ 200 ms): the same office after the bureau's receipt acknowledged the bundle;
 * - bureau intake of 40 office bundles holding 800,000 residents in all (≤ 120 s): real bundles
 *   (sealed, encrypted, signed by 40 enrolled offices), made from the demo office's resident rows with
 *   fresh ids and ID numbers per office, taken in through `bureau.import`; beside it the baseline — the
 *   same rows, as JSON, into a table of the same shape with one prepared INSERT in one transaction.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CoreHost } from '../../electron/core/host';
import { uuidv7 } from '../../electron/core/ids';
import { openDatabase } from '../../electron/core/db/connection';
import { keyProof, newSigningKey, parseEnrollmentFile, sealBundle, toWire, unsealEnrollment, type BundlePayload, type WireValue } from '../../electron/core/sync/format';
import { composeIdNumber } from '../../shared/domain/id-number';
import { percentile, round, sample, type Bench, type Figure } from './harness';

const CHILD_ENV = 'CIVICDESK_SYNC_BENCH_CHILD';
const EXPORT_RESIDENTS = 100_000;
const OFFICES = 40;
const CITY_RESIDENTS = 800_000;
const PASSWORD = 'secret1234';

async function call(host: CoreHost, method: string, input: unknown): Promise<Record<string, unknown>> {
  const r = await host.dispatch('bench', method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as Record<string, unknown>;
}

async function job(host: CoreHost, method: string, input: unknown): Promise<Record<string, unknown>> {
  const r = await host.runJob('bench', method as never, input as never);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as Record<string, unknown>;
}

async function newDatabase(dbPath: string, code: string, name: string): Promise<CoreHost> {
  const host = new CoreHost({ dbPath, create: true, appVersion: 'bench', passwordCostLog2: 12, encryption: true, filePaths: 'terminal' });
  await call(host, 'office.setup', { office: { code, name, divisionCode: '640202' }, admin: { username: 'admin', displayName: '管理员', password: PASSWORD } });
  await call(host, 'accounts.login', { username: 'admin', password: PASSWORD });
  return host;
}

async function open(dbPath: string): Promise<CoreHost> {
  const host = new CoreHost({ dbPath, appVersion: 'bench', passwordCostLog2: 12, filePaths: 'terminal' });
  await call(host, 'accounts.login', { username: 'admin', password: PASSWORD });
  return host;
}

interface ChildResult {
  ms: number;
  changes: number;
  bytes: number;
  maxRssMb: number;
  /** The process's resident size once the office is open and signed in, before the export starts. */
  openRssMb: number;
  /** The largest V8 heap seen while exporting (sampled every 20 ms). */
  peakHeapMb: number;
}

/** The export, in its own process. */
async function childExport(args: { dbPath: string; folder: string }): Promise<ChildResult> {
  const host = await open(args.dbPath);
  const openRssMb = Math.round(process.memoryUsage().rss / 1048576);
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  const made = await job(host, 'sync.export', { folder: args.folder });
  const ms = performance.now() - started;
  clearInterval(sampler);
  await host.close();
  return {
    ms,
    changes: Number(made.changes),
    bytes: Number(made.bytes),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    openRssMb,
    peakHeapMb: Math.round(peakHeap / 1048576),
  };
}

function runChild(args: { dbPath: string; folder: string }): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const code = `require('tsx/cjs/api').register(); require(${JSON.stringify(__filename)});`;
    const child = spawn(process.execPath, ['-e', code], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, [CHILD_ENV]: JSON.stringify(args) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`sync export child exited ${status}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

export const syncBench: Bench = async ({ scale, dir, log }) => {
  const work = fs.mkdtempSync(path.join(dir, 'sync-'));
  const residents = Math.min(scale, EXPORT_RESIDENTS);
  const bureauPath = path.join(work, 'bureau.db');
  const officePath = path.join(work, 'office.db');
  const bureau = await newDatabase(bureauPath, 'BUREAU', '基准测试市民政局');
  await job(bureau, 'bureau.init', { name: '基准测试市民政局' });
  let office = await newDatabase(officePath, 'BENCH-00', '基准测试社区');
  log(`generating ${residents} residents in the office …`);
  await job(office, 'demo.generate', { residents, seed: 9 });
  const enrollFile = path.join(work, 'BENCH-00.cdenroll');
  const enrolled = await call(bureau, 'bureau.enroll', { officeCode: 'BENCH-00', officeName: '基准测试社区', out: enrollFile });
  await call(office, 'sync.enroll', { file: enrollFile, code: enrolled.oneTimeCode });
  await office.close();

  log('exporting every change (child process) …');
  const usb = path.join(work, 'usb');
  fs.mkdirSync(usb);
  const exported = await runChild({ dbPath: officePath, folder: usb });
  const bundleFile = path.join(usb, fs.readdirSync(usb).find((f) => f.endsWith('.cdbundle'))!);

  log('bureau takes the bundle in; the office takes the receipt …');
  const oneStarted = performance.now();
  const taken = await job(bureau, 'bureau.import', { files: [bundleFile] });
  const oneOfficeMs = performance.now() - oneStarted;
  const results = taken.results as { status: string }[];
  if (results[0].status !== 'applied') throw new Error(`intake: ${JSON.stringify(results)}`);
  const receipts = path.join(work, 'receipts');
  fs.mkdirSync(receipts);
  const receipt = await call(bureau, 'bureau.receipt', { officeCode: 'BENCH-00', folder: receipts });
  office = await open(officePath);
  await call(office, 'sync.receipt.import', { file: receipt.file });
  const empty = path.join(work, 'empty');
  fs.mkdirSync(empty);
  const emptyMs = await sample(10, async () => {
    const made = await job(office, 'sync.export', { folder: empty });
    if (made.file !== null || Number(made.changes) !== 0) throw new Error('the empty export found changes');
  }, 2);

  // Rows to make a city from: the office's residents, as the bundle carries them.
  const templateDb = office.db;
  const columns = (templateDb.pragma('table_info(residents)') as { name: string }[]).map((c) => c.name);
  const template = templateDb.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM residents WHERE deleted_at IS NULL`).raw(true).all() as unknown[][];
  // Every resident changed once (a phone number corrected), as the change log records an edit: the
  // bundle the issue names — 100,000 changed residents since the last acknowledged one.
  log(`changing all ${template.length} residents …`);
  const now = new Date().toISOString();
  templateDb.transaction(() => {
    templateDb.prepare("UPDATE residents SET phone = '139' || substr('00000000' || n, -8), version = version + 1, updated_at = ? WHERE deleted_at IS NULL").run(now);
    templateDb
      .prepare("INSERT INTO change_log (tx, entity, entity_id, op, version, fields, user_id, at) SELECT ?, 'residents', id, 'update', version, '[\"phone\"]', NULL, ? FROM residents WHERE deleted_at IS NULL")
      .run(uuidv7(), now);
  })();
  await office.close();
  const usb2 = path.join(work, 'usb2');
  fs.mkdirSync(usb2);
  const changed = await runChild({ dbPath: officePath, folder: usb2 });
  log(`changed residents: ${JSON.stringify(changed)}; first bundle: ${JSON.stringify(exported)}`);
  if (process.env.CIVICDESK_SYNC_BENCH_EXPORT_ONLY) return [];

  const perOffice = Math.floor(Math.min(scale * 8, CITY_RESIDENTS) / OFFICES);
  log(`sealing ${OFFICES} office bundles of ${perOffice} residents …`);
  const idAt = columns.indexOf('id');
  const idNumberAt = columns.indexOf('id_number');
  const birthAt = columns.indexOf('birth_date');
  const files: string[] = [];
  const bareRows: [string, string, string, number, number, string, string][] = [];
  for (let k = 0; k < OFFICES; k++) {
    const code = `BENCH-${String(k + 1).padStart(2, '0')}`;
    const file = path.join(work, `${code}.cdenroll`);
    const e = await call(bureau, 'bureau.enroll', { officeCode: code, officeName: `基准社区${k + 1}`, out: file });
    const enrollment = parseEnrollmentFile(fs.readFileSync(file));
    const secret = unsealEnrollment(enrollment, String(e.oneTimeCode))!;
    const key = newSigningKey();
    const tx = uuidv7();
    const rows: [string, number, ...WireValue[]][] = [];
    for (let i = 0; i < perOffice; i++) {
      const source = template[(k * perOffice + i) % template.length];
      const row = source.map(toWire);
      row[idAt] = uuidv7();
      row[idNumberAt] = composeIdNumber('640202', String(source[birthAt]), (k * perOffice + i) % 1000);
      rows.push([tx, i + 1, ...row]);
      bareRows.push([code, 'residents', String(row[idAt]), 1, 0, tx, JSON.stringify(Object.fromEntries(columns.map((c, j) => [c, row[j]])))]);
    }
    const payload: BundlePayload = { format: 1, office: code, bundleId: uuidv7(), sequence: 1, changeFrom: 0, changeTo: perOffice, changes: perOffice, tables: [{ entity: 'residents', columns, rows }], audit: [] };
    const sealed = await sealBundle(
      payload,
      {
        office: code,
        enrollmentId: enrollment.enrollmentId,
        bundleId: payload.bundleId,
        sequence: 1,
        prevHash: null,
        createdAt: new Date().toISOString(),
        auditHead: null,
        officeKey: key.publicKey,
        keyProof: keyProof(secret, enrollment.enrollmentId, code, key.publicKey),
      },
      enrollment.bureau.recipient,
      key.privateKey,
    );
    const out = path.join(work, `${code}-000001.cdbundle`);
    fs.writeFileSync(out, sealed);
    files.push(out);
  }

  log(`bureau intake of ${OFFICES} bundles, ${perOffice * OFFICES} residents …`);
  const cityStarted = performance.now();
  const city = await job(bureau, 'bureau.import', { files });
  const cityMs = performance.now() - cityStarted;
  const statuses = (city.results as { status: string; reason?: string }[]).filter((r) => r.status !== 'applied');
  if (statuses.length > 0) throw new Error(`intake refused: ${JSON.stringify(statuses.slice(0, 3))}`);
  await bureau.close();

  log('baseline: the same rows into a bare table …');
  // Encrypted like the bureau's database, so the ratio is the intake's own cost.
  const bare = openDatabase(path.join(work, 'bare.db'), { create: true, key: randomBytes(32) });
  bare.exec('CREATE TABLE rows (office_code TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, version INTEGER NOT NULL, deleted INTEGER NOT NULL, tx TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (office_code, entity, entity_id)) STRICT, WITHOUT ROWID');
  const insert = bare.prepare('INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)');
  const bareStarted = performance.now();
  bare.transaction(() => {
    for (const r of bareRows) insert.run(...r);
  })();
  const bareMs = performance.now() - bareStarted;
  bare.close();
  fs.rmSync(work, { recursive: true, force: true });

  return [
    { name: 'sync.export.changed_residents', value: changed.changes, unit: 'change-log rows' },
    { name: 'sync.export.changed_residents_ms', value: round(changed.ms, 0), unit: 'ms' },
    { name: 'sync.export.changed_residents_bundle_mb', value: round(changed.bytes / 1048576, 1), unit: 'MB' },
    { name: 'sync.export.changed_residents_peak_rss_mb', value: changed.maxRssMb, unit: 'MB' },
    { name: 'sync.export.changed_residents_open_rss_mb', value: changed.openRssMb, unit: 'MB' },
    { name: 'sync.export.changed_residents_peak_heap_mb', value: changed.peakHeapMb, unit: 'MB' },
    { name: 'sync.export.first_bundle_residents', value: residents, unit: 'residents' },
    { name: 'sync.export.first_bundle_changes', value: exported.changes, unit: 'change-log rows' },
    { name: 'sync.export.first_bundle_ms', value: round(exported.ms, 0), unit: 'ms' },
    { name: 'sync.export.first_bundle_mb', value: round(exported.bytes / 1048576, 1), unit: 'MB' },
    { name: 'sync.export.first_bundle_peak_rss_mb', value: exported.maxRssMb, unit: 'MB' },
    { name: 'sync.export.empty_p50_ms', value: round(percentile(emptyMs, 50), 1), unit: 'ms' },
    { name: 'sync.intake.one_office_ms', value: round(oneOfficeMs, 0), unit: 'ms' },
    { name: 'sync.intake.city_residents', value: perOffice * OFFICES, unit: 'residents' },
    { name: 'sync.intake.city_ms', value: round(cityMs, 0), baseline: round(bareMs, 0), unit: 'ms' },
    { name: 'sync.intake.ratio_to_bare_insert', value: round(cityMs / bareMs, 2) },
  ] satisfies Figure[];
};

if (process.env[CHILD_ENV]) {
  const args = JSON.parse(process.env[CHILD_ENV]) as { dbPath: string; folder: string };
  void childExport(args).then(
    (result) => process.stdout.write(JSON.stringify(result) + '\n'),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
