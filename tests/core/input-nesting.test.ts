/**
 * A body nested thousands of levels deep (a hostile script, a broken client) gets a clear refusal,
 * not a stack overflow: both at the core's one door and before the worker's message copy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, nestedDeeperThan } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('deeply nested input', () => {
  it('measures depth without recursion, at any depth', () => {
    expect(nestedDeeperThan({ a: [{ b: 1 }] })).toBe(false);
    expect(nestedDeeperThan(nested(MAX_INPUT_DEPTH))).toBe(false);
    expect(nestedDeeperThan(nested(MAX_INPUT_DEPTH + 1))).toBe(true);
    expect(nestedDeeperThan(nested(200_000))).toBe(true);
  });

  it('is refused as INVALID_INPUT with a translated reason, and the core goes on answering', async () => {
    const t = createTestHost();
    const o = await setupOffice(t);
    const refused = expectFailure(await t.call(o.adminConn, 'eldercare.coverage.compute', { whatIf: nested(100_000) } as never), 'INVALID_INPUT');
    expect(refused.issues?.[0]).toMatchObject({ code: 'too_deep', params: { maximum: MAX_INPUT_DEPTH } });
    expect(translate('zh-CN', 'validation.too_deep', { maximum: MAX_INPUT_DEPTH })).toContain('层级过深');
    expectOk(await t.call(o.adminConn, 'eldercare.settings.get', {}));
  });
});
