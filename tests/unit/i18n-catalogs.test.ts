import { describe, expect, it } from 'vitest';
import { catalogs, FEATURE_MESSAGES, LANGUAGES, type Language } from '../../shared/i18n';
import { defineMessages, joinMessages, leavesOf } from '../../shared/i18n/messages';
import { ERROR_CODES } from '../../shared/contract';

/** Every leaf as `section.key` → text (non-strings kept, so a wrong leaf type is seen). */
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
const others = LANGUAGES.filter((l) => l !== 'zh-CN');

/** The checks every tree must pass against its Chinese reference: same keys, texts, same placeholders. */
function expectComplete(trees: Record<Language, unknown>, language: Language) {
  const zh = leaves(trees['zh-CN']);
  const other = leaves(trees[language]);
  expect([...other.keys()].sort()).toEqual([...zh.keys()].sort());
  for (const [path, text] of other) {
    expect(typeof text, path).toBe('string');
    expect(String(text).trim(), path).not.toBe('');
  }
  for (const [path, text] of zh) {
    expect(placeholders(String(other.get(path) ?? '')), path).toEqual(placeholders(String(text)));
  }
}

describe('i18n catalogs', () => {
  const zh = leaves(catalogs['zh-CN']);

  it.each(others)('%s has exactly the keys of zh-CN', (language) => {
    const other = leaves(catalogs[language]);
    expect([...other.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it.each(LANGUAGES)('%s has no empty or non-string entries', (language) => {
    for (const [path, text] of leaves(catalogs[language])) {
      expect(typeof text, path).toBe('string');
      expect(String(text).trim(), path).not.toBe('');
    }
  });

  it.each(others)('%s uses the same {{placeholders}} as zh-CN in every entry', (language) => {
    const other = leaves(catalogs[language]);
    for (const [path, text] of zh) {
      expect(placeholders(String(other.get(path) ?? '')), path).toEqual(placeholders(String(text)));
    }
  });

  it.each(LANGUAGES)('every error code the contract can return has a message in %s', (language) => {
    for (const code of ERROR_CODES) expect(typeof catalogs[language].errors[code], code).toBe('string');
  });
});

describe('messages per feature', () => {
  const features = Object.entries(FEATURE_MESSAGES);

  it.each(features.flatMap(([feature]) => others.map((language) => [feature, language] as const)))(
    '%s: %s has exactly the keys, texts and {{placeholders}} of zh-CN',
    (feature, language) => {
      expectComplete(FEATURE_MESSAGES[feature as keyof typeof FEATURE_MESSAGES], language);
    },
  );

  it('no two feature files define the same key (or one a text where another has a group)', () => {
    for (const language of LANGUAGES) {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const [feature, messages] of features) {
        for (const path of leavesOf(messages[language]).keys()) {
          // A clash is the same path, or one path a prefix of the other (text vs group).
          const parts = path.split('.');
          for (let i = 1; i <= parts.length; i++) {
            const prefix = parts.slice(0, i).join('.');
            const other = owner.get(prefix);
            if (other && other !== feature) clashes.push(`${language} ${prefix}: ${other} and ${feature}`);
          }
          for (const [known, other] of owner) if (other !== feature && known.startsWith(`${path}.`)) clashes.push(`${language} ${path}: ${other} and ${feature}`);
          owner.set(path, feature);
        }
      }
      expect(clashes).toEqual([]);
    }
  });

  it('the joined catalog is every feature file, text for text', () => {
    for (const language of LANGUAGES) {
      const joined = leavesOf(catalogs[language]);
      const fromFiles = new Map(features.flatMap(([, messages]) => [...leavesOf(messages[language])]));
      expect(joined).toEqual(fromFiles);
    }
  });

  it('joining refuses two features that define the same key, naming both', () => {
    const a = defineMessages({ 'zh-CN': { settings: { title: '设置' } }, en: { settings: { title: 'Settings' } } });
    const b = defineMessages({ 'zh-CN': { settings: { title: '偏好' } }, en: { settings: { title: 'Preferences' } } });
    expect(() => joinMessages({ a, b })).toThrow(/"settings\.title" is defined by both a and b/);
    const group = defineMessages({ 'zh-CN': { settings: { title: { short: '设置' } } }, en: { settings: { title: { short: 'Settings' } } } });
    expect(() => joinMessages({ a, group })).toThrow(/settings\.title/);
    const c = defineMessages({ 'zh-CN': { settings: { more: '更多' } }, en: { settings: { more: 'More' } } });
    expect(joinMessages({ a, c }).en).toEqual({ settings: { title: 'Settings', more: 'More' } });
  });

  it('the compiler refuses an English tree whose shape differs from the Chinese one', () => {
    // Checked by `npm run typecheck`: each line below must be a type error.
    defineMessages({
      'zh-CN': { a: { b: '甲' } },
      // @ts-expect-error -- a key missing in English
      en: { a: {} },
    });
    defineMessages({
      'zh-CN': { a: { b: '甲' } },
      // @ts-expect-error -- a key only English has
      en: { a: { b: 'A', c: 'C' } },
    });
    defineMessages({
      'zh-CN': { a: { b: '甲' } },
      // @ts-expect-error -- a group where Chinese has a text
      en: { a: { b: { c: 'A' } } },
    });
    expect(true).toBe(true);
  });
});
