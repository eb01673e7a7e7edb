import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES } from '../../shared/i18n';

/** Every leaf as `section.key` → text. */
function leaves(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof node !== 'object' || node === null) {
    out.set(prefix, node);
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    for (const [path, leaf] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n catalogs', () => {
  const zh = leaves(catalogs['zh-CN']);

  it.each(LANGUAGES.filter((l) => l !== 'zh-CN'))('%s has exactly the keys of zh-CN', (language) => {
    const other = leaves(catalogs[language]);
    expect([...other.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it.each(LANGUAGES)('%s has no empty or non-string entries', (language) => {
    for (const [path, text] of leaves(catalogs[language])) {
      expect(typeof text, path).toBe('string');
      expect(String(text).trim(), path).not.toBe('');
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'zh-CN'))('%s uses the same {{placeholders}} as zh-CN in every entry', (language) => {
    const other = leaves(catalogs[language]);
    for (const [path, text] of zh) {
      expect(placeholders(String(other.get(path) ?? '')), path).toEqual(placeholders(String(text)));
    }
  });
});
