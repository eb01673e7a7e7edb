import { zhCN, type Catalog } from './zh-CN';
import { en } from './en';
import { interpolate } from './interpolate';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const catalogs: Record<Language, Catalog> = { 'zh-CN': zhCN, en };

/** Look up `section.key` in a catalog without i18next (core, CLI). Falls back to the key itself. */
export function translate(language: Language, key: string, params?: Record<string, string | number>): string {
  let node: unknown = catalogs[language];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? interpolate(node, params) : key;
}

export { interpolate, zhCN, en };
export type { Catalog };
