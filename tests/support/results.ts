import { expect } from 'vitest';
import type { ContractError, ErrorCode, Result } from '../../shared/contract';

/** The value of a successful Result; fails the test with the error otherwise. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) expect.fail(`expected ok, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.issues ?? [])}`);
  return result.value;
}

/** The error of a failed Result, which must carry `code`. */
export function expectFailure(result: Result<unknown>, code: ErrorCode): ContractError {
  if (result.ok) return expect.fail(`expected ${code}, got ok: ${JSON.stringify(result.value)}`);
  expect(result.error.code, result.error.message).toBe(code);
  return result.error;
}
