/**
 * `npm run preview:browser -- --db FILE [--port N]`: the real UI in a real browser against the real
 * core, over the loopback HTTP transport. Development and testing only; never in a packaged build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startCoreWorker } from '../../core/worker-client';
import { createHttpTransport } from '../../core/transport/http-server';
import { appVersion, EXIT_OK, RejectedError } from '../cli-context';
import { CoreWorkerError } from '../../core/worker-client';
import { requireOption, type Command } from '../command';

const ROOT = path.join(__dirname, '..', '..', '..');
const RENDERER = path.join(ROOT, 'out', 'renderer');

export const previewCommand: Command = {
  name: 'preview',
  summaryKey: 'preview',
  usage: 'civicdesk preview --db FILE [--port N] [--files DIR] [--rebuild]',
  options: { db: { type: 'string' }, port: { type: 'string' }, files: { type: 'string' }, rebuild: { type: 'boolean' } },
  async run(cli, values) {
    const file = path.resolve(requireOption(cli, values, 'db'));
    const port = values.port === undefined ? 5180 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RejectedError(cli.t('cli.badOption', { detail: `--port ${String(values.port)}` }));
    if (values.rebuild || !fs.existsSync(path.join(RENDERER, 'index.html'))) buildRenderer();

    let core;
    try {
      core = await startCoreWorker(
        path.join(ROOT, 'electron', 'core', 'worker-dev-entry.cjs'),
        // As in the app: the whole file is checked in the background after sign-in.
        { dbPath: file, create: true, appVersion: appVersion(), databaseCheck: true },
        cli.log,
      );
    } catch (error) {
      if (error instanceof CoreWorkerError && error.reason) throw cli.refusal(error.reason, file, error.details);
      throw error;
    }
    // The page's path prompt reaches only files under this folder (default: the database's).
    const filesRoot = typeof values.files === 'string' ? path.resolve(values.files) : path.dirname(file);
    const transport = await createHttpTransport({ core, staticDir: RENDERER, port, filesRoot, log: cli.log });
    cli.io.stdout.write(`CivicDesk preview: ${transport.url}\n`);
    cli.io.stdout.write(`${cli.t('cli.previewFiles', { folder: filesRoot })}\n`);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await transport.close();
    await core.close();
    return EXIT_OK;
  },
};

function buildRenderer(): void {
  const bin = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const run = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (run.status !== 0) throw new Error(`electron-vite build failed (exit ${run.status})`);
}
