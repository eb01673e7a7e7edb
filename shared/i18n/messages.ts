/**
 * How a feature declares its messages, and how index.ts joins them into one catalog per language.
 * Each feature file (`shared/i18n/<feature>.ts`) owns its sections — its UI strings, its error codes'
 * messages under `errors`, its field-issue codes under `validation.<feature>` — in both languages.
 */

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Messages: nested groups whose leaves are the texts. */
export type MessageTree = { readonly [key: string]: string | MessageTree };

/** The keys of T with every leaf a string: what a translation of T must look like, key for key. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export interface FeatureMessages<T> {
  readonly 'zh-CN': T;
  readonly en: Shape<T>;
}

/**
 * One feature's messages. The Chinese tree is the reference: the compiler refuses an English tree
 * with a key missing, a key added, or a group where a text should be (and the other way round).
 */
export function defineMessages<T extends MessageTree>(messages: { 'zh-CN': T; en: NoInfer<Shape<T>> }): FeatureMessages<T> {
  return messages;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The catalog the features make together: every feature's tree, merged. */
export type Joined<F extends Record<string, FeatureMessages<MessageTree>>> = Shape<UnionToIntersection<F[keyof F]['zh-CN']>>;

/** Where each text of a joined catalog came from, to name both owners of a clash. */
type Owners = Map<string, string>;

function mergeInto(target: Record<string, unknown>, source: MessageTree, feature: string, owners: Owners, prefix: string): void {
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const existing = target[key];
    if (typeof value === 'string') {
      // Two features writing one key would leave whichever came last: never silently.
      if (existing !== undefined) throw new Error(`i18n: "${path}" is defined by both ${owners.get(path) ?? 'another feature'} and ${feature}`);
      target[key] = value;
      owners.set(path, feature);
    } else {
      if (typeof existing === 'string') throw new Error(`i18n: "${path}" is a message in ${owners.get(path)} and a group in ${feature}`);
      if (existing === undefined) {
        target[key] = {};
        owners.set(path, feature);
      }
      mergeInto(target[key] as Record<string, unknown>, value, feature, owners, path);
    }
  }
}

/**
 * Deep-merge the features' trees, one catalog per language. A key that two features both define
 * (or that is a text in one and a group in another) throws, naming the features.
 */
export function joinMessages<F extends Record<string, FeatureMessages<MessageTree>>>(features: F): { [L in Language]: Joined<F> } {
  const joined = {} as Record<Language, Record<string, unknown>>;
  for (const language of LANGUAGES) {
    const owners: Owners = new Map();
    joined[language] = {};
    for (const [feature, messages] of Object.entries(features)) {
      mergeInto(joined[language], messages[language], feature, owners, '');
    }
  }
  return joined as { [L in Language]: Joined<F> };
}

/** Every text of a tree as `dotted.path` → text. */
export function leavesOf(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree !== 'object' || tree === null) return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, text] of leavesOf(value, path)) out.set(p, text);
  }
  return out;
}

/** The dotted paths of a tree's texts, as a type: `'required' | 'households.head_required' | …`. */
export type LeafPath<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${LeafPath<T[K]>}`;
}[keyof T & string];
