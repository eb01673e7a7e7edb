import path from 'node:path';
import { EXIT_OK, OfficeSession } from '../cli-context';
import { requireOption, type Command } from '../command';
import { UsageError } from '../cli-context';

export const demoCommand: Command = {
  name: 'demo',
  summaryKey: 'demo',
  usage: 'civicdesk demo --db FILE --user NAME --residents N [--seed S] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, residents: { type: 'string' }, seed: { type: 'string' } },
  async run(cli, values) {
    const file = path.resolve(requireOption(cli, values, 'db'));
    const residents = Number(requireOption(cli, values, 'residents'));
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(residents) || residents < 1) throw new UsageError(cli.t('cli.badOption', { detail: `--residents ${String(values.residents)}` }));
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(cli.t('cli.badOption', { detail: `--seed ${String(values.seed)}` }));
    const session = await OfficeSession.open(cli, file, requireOption(cli, values, 'user'));
    try {
      const result = await session.job('demo.generate', { residents, seed }, (done, total) => {
        if (!cli.json && cli.io.stderr === process.stderr && process.stderr.isTTY) process.stderr.write(`\r${done.toLocaleString()} / ${total.toLocaleString()}`);
      });
      const rate = Math.round(result.residents / (result.ms / 1000));
      cli.result({ ...result, residentsPerSecond: rate }, cli.t('cli.demoDone', { residents: result.residents, households: result.households, grids: result.grids, rate }));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
