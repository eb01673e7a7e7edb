import path from 'node:path';
import { EXIT_OK, EXIT_REJECTED, OfficeSession, UsageError } from '../cli-context';
import { requireOption, type Command } from '../command';
import { checkIdNumber } from '../../../shared/domain/id-number';

export const residentsSearchCommand: Command = {
  name: 'residents search',
  summaryKey: 'residentsSearch',
  usage: 'civicdesk residents search QUERY --db FILE --user NAME [--limit N] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, limit: { type: 'string' } },
  allowPositionals: true,
  async run(cli, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(cli.t('cli.badOption', { detail: 'QUERY' }));
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError(cli.t('cli.badOption', { detail: `--limit ${String(values.limit)}` }));
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const { items } = await session.call('residents.search', { query: positionals[0], limit });
      const human = items.length
        ? items.map((r) => `${r.name}\t${r.idNumberMasked}\t${r.age}\t${r.address ?? ''}\t[${r.match}]`).join('\n')
        : cli.t('cli.noMatches');
      cli.result(items, human);
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

/** `idcard check ID...`: the same rules as the form and the import, for scripts and spot checks. */
export const idcardCheckCommand: Command = {
  name: 'idcard check',
  summaryKey: 'idcardCheck',
  usage: 'civicdesk idcard check ID... [--json]',
  options: {},
  allowPositionals: true,
  async run(cli, _values, positionals) {
    if (positionals.length === 0) throw new UsageError(cli.t('cli.badOption', { detail: 'ID...' }));
    const results = positionals.map((input) => {
      const check = checkIdNumber(input);
      if (check.valid) {
        const { valid, normalized, legacy, birthDate, sex, divisionCode } = check;
        return { input, valid, normalized, legacy, birthDate, sex, divisionCode };
      }
      const message = cli.t(`validation.residents.id_${check.error.code}`, check.error.params);
      return { input, valid: false, error: { code: check.error.code, message } };
    });
    const human = results
      .map((r) => (r.valid ? `✓ ${r.input}\t${r.birthDate}\t${cli.t(`cli.sex.${r.sex}`)}\t${r.divisionCode}${r.legacy ? '\t' + cli.t('cli.legacyId') : ''}` : `✗ ${r.input}\t${r.error?.message}`))
      .join('\n');
    cli.result(results, human);
    return results.every((r) => r.valid) ? EXIT_OK : EXIT_REJECTED;
  },
};
