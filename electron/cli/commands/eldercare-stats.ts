import path from 'node:path';
import { EXIT_OK, OfficeSession, UsageError } from '../cli-context';
import { requireOption, type Command } from '../command';
import { serviceNames } from './eldercare-coverage';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `eldercare stats`: the statistics page's figures for a period, from the same method (eldercare.stats). */
export const eldercareStatsCommand: Command = {
  name: 'eldercare stats',
  summaryKey: 'eldercareStats',
  usage: 'civicdesk eldercare stats --db FILE --user NAME --from YYYY-MM-DD --to YYYY-MM-DD [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(cli, values) {
    const from = requireOption(cli, values, 'from');
    const to = requireOption(cli, values, 'to');
    for (const [name, value] of [['--from', from], ['--to', to]] as const) {
      if (!DATE.test(value)) throw new UsageError(cli.t('cli.badOption', { detail: `${name} ${value}` }));
    }
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const stats = await session.call('eldercare.stats', { from, to });
      const serviceName = await serviceNames(cli, session);
      const human = [
        cli.t('cli.eldercareStats.heading', { from: stats.from, to: stats.to }),
        cli.t('cli.eldercareStats.personTimes', { count: stats.personTimes }),
        cli.t('cli.eldercareStats.peopleServed', { count: stats.peopleServed }),
        ...stats.byService.map((s) => `  ${serviceName(s.code)}\t${s.personTimes}\t${s.people}`),
        ...stats.byMonth.map((m) => `  ${m.month}\t${m.personTimes}\t${m.people}`),
      ].join('\n');
      cli.result(stats, human);
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
