/**
 * Every field-issue code the core and shared/ can send has a message in every language. The
 * compiler checks most of it (invalidInput and the code-returning rules take a ValidationCode);
 * this reads the sources for the rest — zod schemas' own codes, issue objects built by hand, the
 * import's row issues — so a code without a message fails here, naming its file and line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, isValidationCode, LANGUAGES, translate } from '../../shared/i18n';
import { leavesOf } from '../../shared/i18n/messages';
import { formatViolation, REPO_ROOT, scanIssueCodes, sourceFiles, type Violation } from '../support/source-scan';

const files = [...sourceFiles('electron'), ...sourceFiles('shared')].filter((f) => !f.startsWith('shared/i18n/'));
const found = files.flatMap((file) => scanIssueCodes(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')).map((c) => ({ ...c, file })));
const codes = [...leavesOf(catalogs['zh-CN'].validation).keys()];

describe('issue codes the core can produce', () => {
  it('are found by the scan (so an empty scan cannot pass)', () => {
    const texts = new Set(found.map((c) => c.text));
    for (const known of ['required', 'too_long', 'not_found', 'households.head_required', 'backup.exists', 'imports.file_empty', 'office.division_code', 'residents.phone']) {
      expect(texts, known).toContain(known);
    }
  });

  it.each(LANGUAGES)('each has a message in %s', (language) => {
    const missing: Violation[] = [];
    for (const c of found.filter((f) => !f.template)) {
      const key = `validation.${c.text}`;
      if (!isValidationCode(c.text) || translate(language, key) === key) missing.push({ file: c.file, line: c.line, message: `issue code "${c.text}" has no message (${key})` });
    }
    expect(missing.map(formatViolation)).toEqual([]);
  });

  it('each code built from a template has messages under its prefix (the compiler checks each value)', () => {
    const templates = found.filter((f) => f.template);
    expect(templates.length).toBeGreaterThan(0);
    const unknown = templates
      .filter((c) => !codes.some((code) => code.startsWith(c.text)))
      .map((c) => formatViolation({ file: c.file, line: c.line, message: `no issue code starts with "${c.text}"` }));
    expect(unknown).toEqual([]);
  });

  it('feature codes are namespaced by feature; only the generic ones stay un-prefixed', () => {
    const generic = codes.filter((c) => !c.includes('.'));
    expect(generic.sort()).toEqual(
      ['date', 'invalid', 'invalid_id', 'invalid_type', 'invalid_value', 'not_found', 'required', 'too_big', 'too_deep', 'too_long', 'too_short', 'too_small', 'unknown_field'].sort(),
    );
  });
});
