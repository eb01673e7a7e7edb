/**
 * `civicdesk bureau serve`: the bureau's resumable upload service (tus) for its enrolled offices,
 * until Ctrl+C (SIGINT) or SIGTERM. The bureau database is opened by a signed-in user, as for every
 * command; each finished upload goes through that session's `bureau.import`, so the intake checks,
 * applies and audits it as it does a USB file. Uploads wait in `uploads/` beside the database.
 */
import path from 'node:path';
import { EXIT_OK, OfficeSession, RejectedError, UsageError } from '../cli-context';
import { requireOption, type Command } from '../command';
import { serveBureauUploads, type UploadServer } from '../../core/sync';

/**
 * The session is kept from the idle lock by a cheap read now and then: the service runs unattended
 * by design (the operator signed in to start it), and an intake refused as SESSION_LOCKED would
 * leave offices' uploads untaken.
 */
const KEEP_ALIVE_MS = 60_000;

export const bureauServeCommand: Command = {
  name: 'bureau serve',
  summaryKey: 'bureauServe',
  usage: 'civicdesk bureau serve --db FILE --user NAME --port N [--host 127.0.0.1] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  async run(cli, values) {
    const portText = requireOption(cli, values, 'port');
    const port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new UsageError(cli.t('cli.badOption', { detail: `--port ${portText}` }));
    const host = typeof values.host === 'string' && values.host.length > 0 ? values.host : '127.0.0.1';
    const dbPath = path.resolve(requireOption(cli, values, 'db'));
    const session = await OfficeSession.open(cli, dbPath, requireOption(cli, values, 'user'));
    let server: UploadServer & { dir: string };
    try {
      server = await serveBureauUploads({
        db: () => session.host.db,
        dbPath,
        host,
        port,
        log: cli.log,
        importFile: async (file) => (await session.job('bureau.import', { files: [file] })).results[0],
      });
    } catch (error) {
      await session.close();
      const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new RejectedError(cli.t('cli.bureauServe.cannotListen', { host, port, code }), undefined, code);
      throw cli.rejection(error);
    }
    const keepAlive = setInterval(() => void session.call('sync.status', {}).catch(() => undefined), KEEP_ALIVE_MS);
    cli.result({ url: server.url, host: server.host, port: server.port, uploads: server.dir }, cli.t('cli.bureauServe.listening', { url: server.url, dir: server.dir }));
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    clearInterval(keepAlive);
    // Open uploads are cut (they resume later); an intake under way finishes before the database closes.
    await server.close();
    await session.close();
    cli.io.stderr.write(cli.t('cli.bureauServe.stopped') + '\n');
    return EXIT_OK;
  },
};
