import type { z } from 'zod';
import type { ContractIssue, IssueParams } from './result';
import { isValidationCode, translate } from '../i18n';

const OWN_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;

/**
 * Turn zod's issues into ours: a path, a stable code that the UI translates (`validation.<code>`),
 * parameters, and an English fallback message. Schemas name their own codes through `message`.
 */
export function toContractIssues(error: z.ZodError): ContractIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let code = 'invalid';
    const params: IssueParams = {};
    if (issue.message && OWN_CODE.test(issue.message) && isValidationCode(issue.message)) {
      code = issue.message;
      if (issue.code === 'custom' && issue.params) {
        for (const [k, v] of Object.entries(issue.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      }
    } else {
      switch (issue.code) {
        case 'invalid_type':
          code = issue.input === undefined || issue.input === null ? 'required' : 'invalid_type';
          break;
        case 'too_small':
          code = issue.origin === 'string' ? 'too_short' : 'too_small';
          params.minimum = Number(issue.minimum);
          break;
        case 'too_big':
          code = issue.origin === 'string' ? 'too_long' : 'too_big';
          params.maximum = Number(issue.maximum);
          break;
        case 'invalid_value':
          code = 'invalid_value';
          break;
        case 'unrecognized_keys':
          code = 'unknown_field';
          params.keys = issue.keys.join(', ');
          break;
        default:
          code = 'invalid';
      }
    }
    if ((issue.code === 'too_small' || issue.code === 'too_big') && !('minimum' in params) && !('maximum' in params)) {
      if (issue.code === 'too_small') params.minimum = Number(issue.minimum);
      else params.maximum = Number(issue.maximum);
    }
    return { path, code, params, message: translate('en', `validation.${code}`, params) };
  });
}
