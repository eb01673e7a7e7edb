/**
 * Logging for the core. Text passes through `redact` first: no full ID numbers, no passwords or keys
 * ever reach a log file.
 */
export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const ID_NUMBER_15 = /(?<![0-9A-Za-z])(\d{6})(\d{6})(\d{3})(?![0-9A-Za-z])/g;
const SECRET_FIELD = /("?(?:password|newPassword|currentPassword|token|key|secret)"?\s*[:=]\s*)("[^"]*"|\S+)/gi;

export function redact(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, a: string, _b: string, c: string) => `${a}********${c.slice(-4)}`)
    .replace(ID_NUMBER_15, (_m, a: string, _b: string, c: string) => `${a}******${c}`)
    .replace(SECRET_FIELD, '$1"[redacted]"');
}

export function consoleLogger(prefix = 'civicdesk'): Logger {
  const write = (level: string, message: string, extra?: Record<string, unknown>) => {
    const line = `${new Date().toISOString()} ${level} [${prefix}] ${message}${extra ? ' ' + JSON.stringify(extra) : ''}`;
    process.stderr.write(redact(line) + '\n');
  };
  return {
    info: (m, e) => write('INFO', m, e),
    warn: (m, e) => write('WARN', m, e),
    error: (m, e) => write('ERROR', m, e),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
