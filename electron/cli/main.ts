/**
 * `civicdesk` — the command line over the core, for offices, the bureau and benchmarks.
 * Exit codes: 0 done, 1 input rejected (validation, wrong password, bad file), 2 usage error.
 * `--json` prints JSON only on stdout; messages go to stderr in the user's language.
 */
import { parseArgs } from 'node:util';
import { Cli, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, RejectedError, UsageError, type CliIo } from './cli-context';
import type { Command } from './command';
import { COMMANDS } from './registry';

const GLOBAL_OPTIONS = { json: { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function findCommand(positionals: string[]): { command: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = positionals.slice(0, words).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: positionals.slice(words) };
  }
  return undefined;
}

function help(cli: Cli): string {
  return [cli.t('cli.usage'), '', ...COMMANDS.map((c) => `  ${c.usage}\n      ${cli.t(`cli.commands.${c.summaryKey}`)}`), '', cli.t('cli.globalOptions')].join('\n');
}

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  const json = argv.includes('--json');
  const langIndex = argv.indexOf('--lang');
  let cli = new Cli(io, json, langIndex >= 0 ? argv[langIndex + 1] : undefined);
  try {
    // Command words come first, once global options (which may sit anywhere) are set aside.
    const withoutGlobals = argv.filter((a, i) => a !== '--lang' && argv[i - 1] !== '--lang' && !a.startsWith('--lang='));
    const firstOption = withoutGlobals.findIndex((a) => a.startsWith('-'));
    const words = (firstOption < 0 ? withoutGlobals : withoutGlobals.slice(0, firstOption)).slice(0, 2);
    if (words.length === 0 || words[0] === 'help' || (argv.includes('--help') && words.length === 0)) {
      io.stdout.write(help(cli) + '\n');
      return words.length === 0 && !argv.includes('--help') ? EXIT_USAGE : EXIT_OK;
    }
    const found = findCommand(words);
    if (!found) throw new UsageError(cli.t('cli.unknownCommand', { command: words.join(' ') }));
    const { command } = found;
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(cli.t('cli.badOption', { detail: error instanceof Error ? error.message : String(error) }));
    }
    cli = new Cli(io, json, parsed.values.lang as string | undefined);
    if (parsed.values.help) {
      io.stdout.write(`${command.usage}\n  ${cli.t(`cli.commands.${command.summaryKey}`)}\n`);
      return EXIT_OK;
    }
    const positionals = parsed.positionals.filter((p, i) => i >= command.name.split(' ').length && p !== parsed.values.lang);
    if (positionals.length > 0 && !command.allowPositionals) throw new UsageError(cli.t('cli.badOption', { detail: positionals.join(' ') }));
    return await command.run(cli, parsed.values as Record<string, string | boolean | undefined>, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n${cli.t('cli.usage')}\n`);
      if (json) io.stdout.write(JSON.stringify({ error: { code: 'USAGE', message: error.message } }) + '\n');
      return EXIT_USAGE;
    }
    if (error instanceof RejectedError) {
      io.stderr.write(error.message + '\n');
      if (json) io.stdout.write(JSON.stringify({ error: error.error ?? { code: error.code, message: error.message } }) + '\n');
      return EXIT_REJECTED;
    }
    throw error;
  }
}
