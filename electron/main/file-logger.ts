/**
 * The main process's log: one file in userData/logs, rotated by size, every line passed through
 * `redact` so no full ID number, password or key reaches the disk. It receives the core worker's
 * log lines and the stacks of INTERNAL errors, which the UI only shows as a reference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { redact, type Logger } from '../core/log';

export interface FileLoggerOptions {
  dir: string;
  /** File name without extension; rotated copies are `<base>.1.log`, `<base>.2.log` … */
  base?: string;
  maxBytes?: number;
  /** How many rotated files to keep beside the current one. */
  keep?: number;
  /** Also write to stderr (development runs from a terminal). */
  echo?: boolean;
  now?: () => Date;
}

export interface FileLogger extends Logger {
  readonly file: string;
  /** A logger whose lines carry `[scope]`, writing to the same file. */
  child(scope: string): Logger;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_KEEP = 3;

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const base = options.base ?? 'civicdesk';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dir, `${base}.log`);
  const rotated = (n: number) => path.join(options.dir, `${base}.${n}.log`);

  let size = -1;
  let broken = false;

  const rotate = () => {
    fs.rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1));
    }
    if (keep >= 1) fs.renameSync(file, rotated(1));
    else fs.rmSync(file, { force: true });
    size = 0;
  };

  // Synchronous appends: log volume is small (worker lines, errors), and a line written just
  // before a crash must be on disk when support reads the file.
  const append = (line: string) => {
    if (broken) return;
    try {
      if (size < 0) {
        fs.mkdirSync(options.dir, { recursive: true });
        size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      }
      const bytes = Buffer.byteLength(line, 'utf8');
      if (size > 0 && size + bytes > maxBytes) rotate();
      fs.appendFileSync(file, line, 'utf8');
      size += bytes;
    } catch (error) {
      // A full disk or a read-only profile must not take the app down with it; say so once.
      broken = true;
      process.stderr.write(`civicdesk: cannot write log ${file}: ${String(error)}\n`);
    }
  };

  const write = (level: string, scope: string, message: string, extra?: Record<string, unknown>) => {
    const text = `${now().toISOString()} ${level} [${scope}] ${message}${extra ? ' ' + safeJson(extra) : ''}`;
    const line = redact(text).replace(/\r?\n(?!$)/g, '\n    ') + '\n';
    append(line);
    if (options.echo) process.stderr.write(line);
  };

  const scoped = (scope: string): Logger => ({
    info: (m, e) => write('INFO', scope, m, e),
    warn: (m, e) => write('WARN', scope, m, e),
    error: (m, e) => write('ERROR', scope, m, e),
  });

  return { file, ...scoped('main'), child: scoped };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserializable]';
  }
}
