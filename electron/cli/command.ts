import type { ParseArgsConfig } from 'node:util';
import { UsageError, type Cli } from './cli-context';

export type OptionValues = Record<string, string | boolean | undefined>;

/** One CLI command; `name` may have two words (`db info`). Help text comes from the i18n catalog. */
export interface Command {
  name: string;
  /** i18n key of the one-line description under `cli.commands`. */
  summaryKey: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(cli: Cli, values: OptionValues, positionals: string[]): Promise<number>;
}

export function requireOption(cli: Cli, values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(cli.t('cli.missingOption', { option: name }));
  return value;
}
