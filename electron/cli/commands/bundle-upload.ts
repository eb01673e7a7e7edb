/**
 * `civicdesk bundle upload`: the same job as the sync screen's upload (sync.upload) — bundle what is
 * new, then send every unacknowledged bundle to the bureau, resumable, each counted as sent only
 * once the bureau confirmed its hash.
 */
import path from 'node:path';
import { EXIT_OK, OfficeSession } from '../cli-context';
import { requireOption, type Command } from '../command';

export const bundleUploadCommand: Command = {
  name: 'bundle upload',
  summaryKey: 'bundleUpload',
  usage: 'civicdesk bundle upload --db FILE --user NAME [--url http://BUREAU:PORT/] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, url: { type: 'string' } },
  async run(cli, values) {
    const url = typeof values.url === 'string' && values.url.length > 0 ? values.url : undefined;
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const out = await session.job('sync.upload', url === undefined ? {} : { url });
      const lines: string[] = [];
      if (out.sequence !== null) lines.push(cli.t('cli.bundleUpload.made', { sequence: out.sequence, changes: out.changes }));
      for (const u of out.uploaded) lines.push(cli.t('cli.bundleUpload.sent', { file: u.file, sequence: u.sequence, bytes: u.bytes }));
      if (out.uploaded.length === 0) lines.push(cli.t('cli.bundleUpload.none'));
      cli.result(out, lines.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
