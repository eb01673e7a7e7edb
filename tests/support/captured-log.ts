import type { Logger } from '../../electron/core/log';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A logger that keeps every line, so tests can check what was (and was not) logged. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger: Logger = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
  return { logger, lines };
}
