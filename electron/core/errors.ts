import type { ContractIssue, ErrorCode, IssueParams } from '../../shared/contract';
import { en, translate, type Language, type ValidationCode } from '../../shared/i18n';
import { interpolate } from '../../shared/i18n/interpolate';

/**
 * An expected failure: becomes `{ ok: false, error }` at the door. `keepWrites` commits what the
 * handler wrote before failing (a failed login still counts the attempt).
 */
export class ContractFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: IssueParams = {},
    readonly issues?: ContractIssue[],
    readonly keepWrites = false,
  ) {
    super(interpolate(en.errors[code], params));
    this.name = 'ContractFailure';
  }
}

/** One field's problem: where it is, its code (`validation.<code>` in the catalogs) and what to fill in. */
export interface FieldIssue {
  path: (string | number)[];
  code: ValidationCode;
  params?: IssueParams;
}

export interface RefusalOptions {
  /** The language of the issues' fallback `message`: English unless the call carries the clerk's (imports). */
  language?: Language;
  keepWrites?: boolean;
}

/**
 * The one way to refuse input: INVALID_INPUT with field issues the form shows next to its fields.
 * Each issue's `message` is the catalog's text for its code (never the code itself).
 */
export function invalidInputs(issues: FieldIssue[], { language = 'en', keepWrites = false }: RefusalOptions = {}): ContractFailure {
  const contractIssues = issues.map(({ path, code, params = {} }) => ({ path, code, params, message: translate(language, `validation.${code}`, params) }));
  return new ContractFailure('INVALID_INPUT', {}, contractIssues, keepWrites);
}

/** Refuse input over one field. */
export function invalidInput(path: (string | number)[], code: ValidationCode, params: IssueParams = {}, options?: RefusalOptions): ContractFailure {
  return invalidInputs([{ path, code, params }], options);
}
