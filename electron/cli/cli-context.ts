/**
 * What every CLI command shares: the output streams, the language, the exit-code conventions
 * (0 done, 1 input rejected, 2 usage error), and opening an office database as a signed-in user.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { CoreHost } from '../core/host';
import { DatabaseOpenError } from '../core/db/connection';
import { checkWrite, OWNER_ONLY } from '../core/files';
import { ContractFailure } from '../core/errors';
import type { Logger } from '../core/log';
import { consoleLogger } from '../core/log';
import type { ContractError, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { translate, type Language } from '../../shared/i18n';

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

/** A usage mistake (unknown command, missing option): exit 2. */
export class UsageError extends Error {}
/** Input the office's data or rules reject (validation, wrong password, bad file): exit 1. */
export class RejectedError extends Error {
  constructor(
    message: string,
    readonly error?: ContractError,
    /** For failures outside the contract (files): DB_EXISTS, DB_MISSING, NOT_A_DATABASE, NOT_A_FILE, KEYS_MISSING, KEYS_UNREADABLE, DB_TOO_NEW … */
    readonly code: string = error?.code ?? 'REJECTED',
  ) {
    super(message);
  }
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export class Cli {
  readonly language: Language;
  readonly log: Logger;
  constructor(
    readonly io: CliIo,
    readonly json: boolean,
    language?: string,
  ) {
    const wanted = language ?? io.env.CIVICDESK_LANG;
    this.language = wanted === 'en' ? 'en' : 'zh-CN';
    this.log = json ? { info() {}, warn: consoleLogger('cli').warn, error: consoleLogger('cli').error } : consoleLogger('cli');
  }

  t(key: string, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  /** The command's answer: JSON on stdout with --json, otherwise the human text. */
  result(value: unknown, human: string): void {
    this.io.stdout.write(this.json ? JSON.stringify(value, null, 2) + '\n' : human + '\n');
  }

  /** A core refusal thrown outside a dispatched call (a ContractFailure) as the CLI's RejectedError; anything else as it is. */
  rejection(error: unknown): unknown {
    if (!(error instanceof ContractFailure)) return error;
    const contractError: ContractError = { code: error.code, message: error.message, params: error.params, ...(error.issues ? { issues: error.issues } : {}) };
    return new RejectedError(this.describe(contractError), contractError);
  }

  /** Translate a contract error for a person, one line per field issue. */
  describe(error: ContractError): string {
    const lines = [this.t(`errors.${error.code}`, error.params)];
    for (const issue of error.issues ?? []) {
      lines.push(
        '  ' + this.t('cli.fieldError', { field: issue.path.join('.') || '-', message: this.t(`validation.${issue.code}`, issue.params) }),
      );
    }
    return lines.join('\n');
  }

  async password(): Promise<string> {
    const fromEnv = this.io.env.CIVICDESK_PASSWORD;
    if (fromEnv) return fromEnv;
    if (!this.io.stdin.isTTY) throw new UsageError(this.t('cli.passwordRequired'));
    return promptHidden(this.io, this.language === 'en' ? 'Password: ' : '密码：');
  }

  /** Translate a database-open failure into a message naming the file; the file is never changed. */
  openError(error: unknown): never {
    if (error instanceof DatabaseOpenError) throw this.refusal(error.reason, error.file, error.details);
    throw error;
  }

  /**
   * A database-open refusal by its reason, for a DatabaseOpenError here or one that crossed a worker
   * boundary (the preview): `details` as the core gave them, read without trusting them.
   */
  refusal(reason: string, file: string, details: unknown = {}): RejectedError {
    const d: Record<string, unknown> = typeof details === 'object' && details !== null ? { ...details } : {};
    const text = (key: string) => (typeof d[key] === 'string' || typeof d[key] === 'number' ? (d[key] as string | number) : undefined);
    const keys = text('keysFile') ?? `${file}.keys`;
    switch (reason) {
      case 'missing':
        return new RejectedError(this.t('cli.dbMissing', { file }), undefined, 'DB_MISSING');
      case 'too_new':
        return new RejectedError(this.t('cli.dbTooNew', { file, dbVersion: text('dbVersion') ?? '?', appVersion: text('appVersion') ?? '?' }), undefined, 'DB_TOO_NEW');
      case 'damaged': {
        const backup = text('backup');
        return new RejectedError(this.t(backup ? 'cli.dbDamaged' : 'cli.dbDamagedNoBackup', { file, backup: backup ?? '' }), undefined, 'DB_DAMAGED');
      }
      case 'not_a_file':
        return new RejectedError(this.t('cli.notAFile', { file, example: path.join(file, 'office.db') }), undefined, 'NOT_A_FILE');
      case 'keys_missing':
        return new RejectedError(this.t('cli.keysMissing', { file, keys }), undefined, 'KEYS_MISSING');
      case 'keys_unreadable':
        return new RejectedError(this.t('cli.keysUnreadable', { file, keys }), undefined, 'KEYS_UNREADABLE');
      default:
        return new RejectedError(this.t('cli.notADatabase', { file }), undefined, 'NOT_A_DATABASE');
    }
  }
}

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** An office database opened by a signed-in user; every call goes through the real dispatcher. */
export class OfficeSession {
  private constructor(
    readonly host: CoreHost,
    private readonly cli: Cli,
  ) {}

  static async open(cli: Cli, file: string, username: string, options: { passwordCostLog2?: number } = {}): Promise<OfficeSession> {
    let host: CoreHost;
    try {
      // A person at a terminal names files by path (the window and the preview only by handles).
      host = new CoreHost({ dbPath: path.resolve(file), appVersion: appVersion(), log: cli.log, filePaths: 'terminal', ...options });
    } catch (error) {
      cli.openError(error);
    }
    const session = new OfficeSession(host, cli);
    try {
      await session.call('accounts.login', { username, password: await cli.password() });
    } catch (error) {
      await host.close();
      throw error;
    }
    return session;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await this.host.dispatch('cli', method, input);
    if (!result.ok) throw new RejectedError(this.cli.describe(result.error), result.error);
    return result.value as MethodOutput<M>;
  }

  /** Run a job method to its end, reporting progress; its failure is a RejectedError like any call. */
  async job<M extends MethodName>(method: M, input: MethodInput<M>, onProgress?: (done: number, total: number) => void): Promise<MethodOutput<M>> {
    const result = await this.host.runJob('cli', method, input, onProgress);
    if (!result.ok) throw new RejectedError(this.cli.describe(result.error), result.error);
    return result.value as MethodOutput<M>;
  }

  /**
   * Write a file the CLI itself produces (`--report`) under the core's rules for every file a call
   * writes: never the database, its companions or a backup, never an existing file without
   * `--overwrite`, created owner-only. Checked before the work starts (`check`), written after.
   */
  ownFile(file: string, overwrite: boolean): { check(): void; write(text: string): void } {
    const target = { path: path.resolve(file), overwrite };
    const files = this.host.services.files;
    const check = () => {
      try {
        checkWrite(target, { access: files, automaticBackups: files.automaticBackups, field: ['report'], language: this.cli.language });
      } catch (error) {
        throw this.cli.rejection(error);
      }
    };
    return {
      check,
      write: (text) => {
        check();
        // A new file, owner-only: a replaced one (or a link in its place) is removed, not written through.
        fs.rmSync(target.path, { force: true });
        fs.writeFileSync(target.path, text, { flag: 'wx', mode: OWNER_ONLY });
      },
    };
  }

  /**
   * `--overwrite`: the person at the terminal confirmed replacing `file`, as a save dialog's
   * confirmation does; the core still never writes over the database's files or a backup.
   */
  replacing(file: string): string {
    return this.host.grantFile('cli', { path: file, use: 'write', overwrite: true }).handle;
  }

  async close(): Promise<void> {
    await this.host.dispatch('cli', 'accounts.logout', {});
    await this.host.close();
  }
}

function promptHidden(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    const output = io.stderr as NodeJS.WritableStream & { write: (s: string) => boolean };
    const original = output.write.bind(output);
    rl.question(question, (answer) => {
      output.write = original;
      original('\n');
      rl.close();
      resolve(answer);
    });
    // Echo nothing of what is typed.
    output.write = (s: string) => (s.startsWith(question) ? original(s) : true);
  });
}
