import path from 'node:path';
import { EXIT_OK, OfficeSession } from '../cli-context';
import { requireOption, type Command } from '../command';

export const dbInfoCommand: Command = {
  name: 'db info',
  summaryKey: 'dbInfo',
  usage: 'civicdesk db info --db FILE --user NAME [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' } },
  async run(cli, values) {
    const file = path.resolve(requireOption(cli, values, 'db'));
    const session = await OfficeSession.open(cli, file, requireOption(cli, values, 'user'));
    try {
      const info = await session.call('system.info', {});
      const role = (await session.call('sync.status', {})).role;
      // A bureau's own record tables are empty: its counts are the city's merged records, under the same labels.
      const bureau = role === 'bureau' ? await session.call('bureau.offices', {}) : undefined;
      const counts = bureau ? { ...info.counts, ...bureau.totals } : info.counts;
      const out = {
        schemaVersion: info.schemaVersion,
        appVersion: info.appVersion,
        office: { code: info.office.code, name: info.office.name, division: info.office.divisionCode },
        role,
        counts,
        ...(bureau ? { offices: bureau.offices.map((o) => ({ code: o.code, name: o.name, appliedSequence: o.appliedSequence, counts: o.counts })) } : {}),
      };
      const human = [
        cli.t('cli.info.office', { name: out.office.name, code: out.office.code, division: out.office.division }),
        cli.t('cli.info.schema', { schema: out.schemaVersion, app: out.appVersion }),
        ...Object.entries(out.counts).map(([k, v]) => `  ${k}: ${v.toLocaleString(cli.language)}`),
      ].join('\n');
      cli.result(out, human);
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
