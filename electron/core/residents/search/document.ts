/**
 * What the search index holds for one resident. Pinyin comes from pinyin-pro (surname mode, so
 * 单 reads shan and 曾 zeng); every mix of initials and full syllables is a token, so `zs`, `zhs`,
 * `zhsan`, `zhangs` and `zhangsan` all find 张三 by prefix.
 */
import { pinyin } from 'pinyin-pro';

export interface SearchDocument {
  name: string;
  py: string;
  idn: string;
  phone: string;
  addr: string;
}

const SHENGMU_2 = /^(zh|ch|sh)/;
const NON_TOKEN = /[^\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;

const pinyinCache = new Map<string, string[]>();

/** Syllables of a name, lower-case without tones (non-Han characters kept as they are). */
export function nameSyllables(name: string): string[] {
  const clean = name.replace(NON_TOKEN, '');
  let cached = pinyinCache.get(clean);
  if (!cached) {
    cached = HAN.test(clean)
      ? pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true }).map((s) => s.toLowerCase().replace(NON_TOKEN, ''))
      : [clean.toLowerCase()];
    if (pinyinCache.size > 50_000) pinyinCache.clear();
    pinyinCache.set(clean, cached);
  }
  return cached;
}

/** Sort key: full pinyin then the name, so 张三 sorts among the Z's as a Chinese office expects. */
export function pinyinSortKey(name: string): string {
  return nameSyllables(name).join('') + ' ' + name;
}

/** Each syllable as its first letter, its initial consonant (zh/ch/sh) or in full; the last in full. */
export function pinyinTokens(name: string): string[] {
  const syllables = nameSyllables(name).filter(Boolean);
  if (syllables.length === 0) return [];
  if (syllables.length > 4) return [syllables.join(''), syllables.map((s) => s[0]).join('')];
  let combos = [''];
  syllables.forEach((syllable, index) => {
    const last = index === syllables.length - 1;
    const forms = new Set<string>([syllable]);
    if (!last) {
      forms.add(syllable[0]);
      const sm = SHENGMU_2.exec(syllable);
      if (sm) forms.add(sm[1]);
    }
    combos = combos.flatMap((c) => [...forms].map((f) => c + f));
  });
  return combos;
}

function nameTokens(name: string): string[] {
  const compact = name.replace(NON_TOKEN, '');
  const tokens = new Set<string>([compact]);
  // Tails let a given name alone (三丰, 丰) find the person.
  for (let i = 1; i < Math.min(compact.length, 4); i++) tokens.add(compact.slice(i));
  return [...tokens];
}

function tails(value: string, lengths: number[]): string[] {
  return [value, ...lengths.filter((n) => value.length > n).map((n) => value.slice(-n))];
}

/** Overlapping two-character pieces: a phrase of them matches any fragment of the address. */
export function bigrams(text: string): string[] {
  const chars = [...text.toLowerCase().replace(NON_TOKEN, '')];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

export function buildSearchDocument(r: { name: string; idNumber: string; phone: string | null; phone2: string | null; address: string | null }): SearchDocument {
  return {
    name: nameTokens(r.name).join(' '),
    py: pinyinTokens(r.name).join(' '),
    idn: tails(r.idNumber.toLowerCase(), [4, 5, 6]).join(' '),
    phone: [r.phone, r.phone2].filter((p): p is string => !!p).flatMap((p) => tails(p, [4])).join(' '),
    addr: bigrams(r.address ?? '').join(' '),
  };
}
