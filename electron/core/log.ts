/**
 * Logging for the core. Text passes through `redact` first: no full ID numbers, no passwords or keys
 * ever reach a log file.
 */
export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/*
 * ID numbers (公民身份号码) as they turn up in log text: 18 characters (the last may be X), the
 * legacy 15 digits, the 20-character disability certificate number (残疾人证号: the ID plus category
 * and grade digits), in ASCII or full-width digits, and right after or before letters (`id=…`,
 * `abc110101…`): only a longer run of digits makes them something else. A 15-digit run is masked
 * only when it reads as an old ID (a province code, a month and a day), so timestamps and counts
 * of that length stay readable.
 */
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const CHECK = '[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58]';
const NO_DIGIT_BEFORE = '(?<![0-9\\uFF10-\\uFF19])';
const NO_DIGIT_AFTER = '(?![0-9\\uFF10-\\uFF19])';
const DISABILITY_CERT = new RegExp(`${NO_DIGIT_BEFORE}(${DIGIT}{6})${DIGIT}{8}(${DIGIT}{3}${CHECK}${DIGIT}{2})${NO_DIGIT_AFTER}`, 'g');
const ID_NUMBER = new RegExp(`${NO_DIGIT_BEFORE}(${DIGIT}{6})${DIGIT}{8}(${DIGIT}{3}${CHECK})${NO_DIGIT_AFTER}`, 'g');
const ID_NUMBER_15 = new RegExp(`${NO_DIGIT_BEFORE}(${DIGIT}{6})(${DIGIT}{6})(${DIGIT}{3})${NO_DIGIT_AFTER}`, 'g');
const SECRET_FIELD = /("?(?:password|newPassword|currentPassword|token|key|secret)"?\s*[:=]\s*)("[^"]*"|\S+)/gi;

/** Province codes (the first two digits of a division code) of the mainland, Taiwan, Hong Kong and Macao. */
const PROVINCE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])$/;

/** A legacy ID's division and YYMMDD birth date look real (the digits already folded to ASCII). */
function looksLikeLegacyId(division: string, birth: string): boolean {
  const month = Number(birth.slice(2, 4));
  const day = Number(birth.slice(4, 6));
  return PROVINCE.test(division.slice(0, 2)) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const ascii = (digits: string) => digits.normalize('NFKC');

export function redact(text: string): string {
  return text
    .replace(DISABILITY_CERT, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(ID_NUMBER_15, (m: string, head: string, birth: string, tail: string) =>
      looksLikeLegacyId(ascii(head), ascii(birth)) ? `${head}******${tail}` : m,
    )
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
