import type { ContractIssue, ErrorCode, IssueParams } from '../../shared/contract';
import { en } from '../../shared/i18n';
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

/** A failure tied to one field, shown next to it by the form. */
export function fieldFailure(path: (string | number)[], code: keyof typeof en.validation, params: IssueParams = {}): ContractFailure {
  const message = interpolate(en.validation[code], params);
  return new ContractFailure('INVALID_INPUT', {}, [{ path, code, message, params }]);
}
