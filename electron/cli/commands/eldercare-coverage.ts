/**
 * `civicdesk eldercare coverage`: the 15-minute service circle's figures from the same call the
 * window makes (eldercare.coverage.compute), and the whole list of the uncovered.
 */
import path from 'node:path';
import { EXIT_OK, OfficeSession, UsageError, type Cli } from '../cli-context';
import { requireOption, type Command } from '../command';
import type { CoverageListItem, CoverageOutput } from '../../../shared/contract';
import { CODE_PATTERN } from '../../../shared/domain/eldercare/codes';

/** The list comes a page at a time (the contract's largest). */
const PAGE = 1000;

function percent(cli: Cli, share: number | null): string {
  return share === null ? cli.t('cli.eldercareCoverage.noShare') : `${(share * 100).toFixed(1)}%`;
}

/** Service codes as the office names them, in the CLI's language (the JSON keeps the codes). */
export async function serviceNames(cli: Cli, session: OfficeSession): Promise<(code: string) => string> {
  const codes = await session.call('eldercare.codes.list', { table: 'service' });
  const names = new Map(codes.map((c) => [c.code, cli.language === 'en' ? c.en : c.zh]));
  return (code) => names.get(code) ?? code;
}

export const eldercareCoverageCommand: Command = {
  name: 'eldercare coverage',
  summaryKey: 'eldercareCoverage',
  usage: 'civicdesk eldercare coverage --db FILE --user NAME [--minutes 15] [--service CODE] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, minutes: { type: 'string' }, service: { type: 'string' } },
  async run(cli, values) {
    const minutes = values.minutes === undefined ? undefined : Number(values.minutes);
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1 || minutes > 120)) throw new UsageError(cli.t('cli.badOption', { detail: `--minutes ${String(values.minutes)}` }));
    const service = typeof values.service === 'string' ? values.service : undefined;
    if (service !== undefined && !CODE_PATTERN.test(service)) throw new UsageError(cli.t('cli.badOption', { detail: `--service ${service}` }));
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      let first: CoverageOutput | undefined;
      const uncovered: CoverageListItem[] = [];
      do {
        const page = await session.call('eldercare.coverage.compute', { minutes, service, list: 'uncovered', listOffset: uncovered.length, listLimit: PAGE });
        first ??= page;
        uncovered.push(...page.list.items);
        if (page.list.items.length === 0) break;
      } while (uncovered.length < first.list.total);
      const out = first!;
      const serviceName = await serviceNames(cli, session);
      const result = {
        settings: out.settings,
        service: out.service,
        olderResidents: out.olderResidents,
        withPosition: out.withPosition,
        covered: out.covered,
        coverageShare: out.coverageShare,
        byService: out.byService,
        byGrid: out.byGrid,
        unplaced: out.unplaced,
        uncovered,
      };
      const lines = [
        cli.t('cli.eldercareCoverage.summary', { older: out.olderResidents, withPosition: out.withPosition, covered: out.covered, minutes: out.settings.minutes, share: percent(cli, out.coverageShare) }),
        cli.t('cli.eldercareCoverage.byService'),
        ...Object.entries(out.byService).map(([code, s]) => `  ${serviceName(code)}\t${s.covered}\t${percent(cli, s.share)}`),
        cli.t('cli.eldercareCoverage.byGrid'),
        ...out.byGrid.map((g) => `  ${g.code ?? '-'}\t${g.name ?? cli.t('eldercare.coverage.noGrid')}\t${g.covered}/${g.withPosition}\t${percent(cli, g.share)}`),
        cli.t('cli.eldercareCoverage.uncovered', { total: uncovered.length }),
        ...uncovered.map((u) => {
          const nearest = u.nearest
            .filter((n) => n.facility)
            .sort((a, b) => a.facility!.minutes - b.facility!.minutes)[0];
          const where = nearest ? `${serviceName(nearest.service)} ${nearest.facility!.name} ${cli.t('cli.eldercareCoverage.minutes', { minutes: nearest.facility!.minutes.toFixed(1) })}` : '-';
          return `  ${u.person.name}\t${u.person.idMasked}\t${u.compound?.name ?? '-'}\t${where}`;
        }),
      ];
      cli.result(result, lines.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
