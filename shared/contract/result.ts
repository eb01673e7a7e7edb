/**
 * What crosses every door (IPC, loopback HTTP, CLI): a value or an expected error.
 * Expected failures are values the UI can show next to a field; anything else is INTERNAL.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'ALREADY_INITIALIZED',
  'NOT_INITIALIZED',
  'NOT_FOUND',
  'DUPLICATE_ID',
  'DUPLICATE_USERNAME',
  'STALE_VERSION',
  'LAST_ADMIN',
  'CANCELLED',
  // Storage the clerk can fix: nothing already saved is lost, reading goes on (electron/core/disk-errors.ts).
  'DISK_FULL',
  'READ_ONLY',
  // The database failed its integrity check and was not opened; params.backup names the backup to restore.
  'DB_DAMAGED',
  // The same, with no automatic backup to offer: the clerk needs a backup kept elsewhere, or support.
  'DB_DAMAGED_NO_BACKUP',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type IssueParams = Record<string, string | number>;

/** One problem with one field; `code` is an i18n key under `validation.` */
export interface ContractIssue {
  path: (string | number)[];
  code: string;
  message: string;
  params?: IssueParams;
}

export interface ContractError {
  code: ErrorCode;
  /** English fallback text; the UI translates `errors.<code>` with `params`. */
  message: string;
  issues?: ContractIssue[];
  params?: IssueParams;
  /** For INTERNAL: a reference the clerk can read to support; the stack stays in the log. */
  ref?: string;
}

/**
 * `changed`: the record tables (entities) the call wrote, as the core's change log saw them — the
 * renderer refetches the queries that show those entities. Left out when it wrote none.
 */
export type Result<T> = { ok: true; value: T; changed?: string[] } | { ok: false; error: ContractError; changed?: string[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ContractError): Result<never> => ({ ok: false, error });
