/** issueMessage: an import row issue (code + params) as the clerk reads it, in either language. */
import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../shared/domain/import-issues';
import { en, zhCN } from '../../shared/i18n';

describe('issueMessage', () => {
  it('uses the form’s validation message for a form code, with its params, in each language', () => {
    expect(issueMessage('zh-CN', 'residents.id_checksum', { expected: '7' })).toBe('校验码不对：按前 17 位，最后一位应为 7。请核对号码。');
    expect(issueMessage('en', 'residents.id_checksum', { expected: '7' })).toBe('Wrong check digit: from the first 17 digits the last should be 7. Check the number.');
  });

  it('uses the import’s own problem message for an import code, in each language', () => {
    expect(issueMessage('zh-CN', 'imports.household_two_heads', { row: 5 })).toBe('同一户中第 5 行已是户主，一户只能有一位户主。');
    expect(issueMessage('en', 'imports.household_two_heads', { row: 5 })).toBe('Row 5 already heads this household; a household has exactly one head.');
    expect(issueMessage('en', 'residents.id_excel_mangled', {})).toBe(en.validation.residents.id_excel_mangled);
  });

  it('a code neither catalog knows gets the general message', () => {
    expect(issueMessage('zh-CN', 'no_such_code', { value: 'x' })).toBe(zhCN.validation.invalid);
    expect(issueMessage('en', 'no_such_code', {})).toBe(en.validation.invalid);
  });

  it('unknown_value lists the labels the column accepts, in the language asked for', () => {
    expect(issueMessage('zh-CN', 'imports.unknown_value', { value: '邻居', table: 'relation' })).toBe(
      '无法识别“邻居”。可填写：户主、配偶、子女、父母、孙子女、兄弟姐妹、其他。',
    );
    expect(issueMessage('en', 'imports.unknown_value', { value: '邻居', table: 'relation' })).toBe(
      '"邻居" is not recognized. Allowed: head, spouse, child, parent, grandchild, sibling, other.',
    );
    expect(issueMessage('zh-CN', 'imports.unknown_value', { value: '也许', table: 'flag' })).toBe('无法识别“也许”。可填写：是、否。');
    expect(issueMessage('en', 'imports.unknown_value', { value: 'maybe', table: 'flag' })).toBe('"maybe" is not recognized. Allowed: yes, no.');
  });

  it('sex_mismatch names the ID number’s sex in the language asked for', () => {
    expect(issueMessage('zh-CN', 'imports.sex_mismatch', { value: '男', idSex: 'female' })).toBe('性别“男”与身份证号不一致（身份证号显示为女），请核对。');
    expect(issueMessage('en', 'imports.sex_mismatch', { value: '男', idSex: 'female' })).toBe('Sex "男" differs from the ID number (which says female); check both.');
  });
});
