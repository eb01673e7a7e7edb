import { pinyin } from 'pinyin-pro';
import type { Migration } from '../migrate';

/**
 * v8: the search index in two FTS5 tables. Only names and pinyin are searched by short prefixes
 * (张*, zs*), so only `resident_search` keeps prefix indexes; ID tails, phones and address bigrams
 * are matched as whole tokens (or by prefixes of 7+ digits, which a prefix index of 1–3 characters
 * never serves) and move to `resident_lookup` without them. Measured on 100,000 demo residents,
 * encrypted: indexing CPU 54 → 32 µs per resident and the index 83 → 46 MB, because prefix entries
 * such as `6`, `64`, `640` (every ID) and `1`, `13` (every phone) no longer exist.
 *
 * Both tables are contentless, so the index is rebuilt from the residents table (live rows only).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'split-search-index',
  up(db) {
    db.exec(`
      DROP TABLE resident_search;
      CREATE VIRTUAL TABLE resident_search USING fts5(
        name, py,
        content = '', contentless_delete = 1, prefix = '1 2 3',
        tokenize = 'unicode61 remove_diacritics 0'
      );
      CREATE VIRTUAL TABLE resident_lookup USING fts5(
        idn, phone, addr,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );
    `);
    const names = db.prepare('INSERT INTO resident_search (rowid, name, py) VALUES (?, ?, ?)');
    const lookup = db.prepare('INSERT INTO resident_lookup (rowid, idn, phone, addr) VALUES (?, ?, ?, ?)');
    const syllables = new Map<string, string[]>();
    // In pages: better-sqlite3 cannot write while a statement is still iterating.
    const page = db.prepare('SELECT n, name, id_number, phone, phone2, address FROM residents WHERE deleted_at IS NULL AND n > ? ORDER BY n LIMIT 2000');
    let after = 0;
    for (;;) {
      const rows = page.all(after) as { n: number; name: string; id_number: string; phone: string | null; phone2: string | null; address: string | null }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const doc = searchDocumentV8({ name: r.name, idNumber: r.id_number, phone: r.phone, phone2: r.phone2, address: r.address }, syllables);
        names.run(r.n, doc.name, doc.py);
        lookup.run(r.n, doc.idn, doc.phone, doc.addr);
      }
      after = rows[rows.length - 1].n;
    }
  },
};

/*
 * What the index held for one resident at schema version 8, frozen here as a copy of
 * electron/core/residents/search/document.ts as it was then. A migration must do the same thing
 * forever: if the app's builder changes later, the index written here must still be the v8 one,
 * and the later change comes with a migration of its own that rebuilds the index.
 */

const SHENGMU_2 = /^(zh|ch|sh)/;
const NON_TOKEN = /[^\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;

/** Syllables of a name, lower-case without tones (pinyin-pro in surname mode: 单 shan, 曾 zeng). */
function nameSyllables(name: string, cache: Map<string, string[]>): string[] {
  const clean = name.replace(NON_TOKEN, '');
  let cached = cache.get(clean);
  if (!cached) {
    cached = HAN.test(clean)
      ? pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true }).map((s) => s.toLowerCase().replace(NON_TOKEN, ''))
      : [clean.toLowerCase()];
    if (cache.size > 50_000) cache.clear();
    cache.set(clean, cached);
  }
  return cached;
}

/** Each syllable as its first letter, its initial consonant (zh/ch/sh) or in full; the last in full. */
function pinyinTokens(name: string, cache: Map<string, string[]>): string[] {
  const syllables = nameSyllables(name, cache).filter(Boolean);
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
  for (let i = 1; i < Math.min(compact.length, 4); i++) tokens.add(compact.slice(i));
  return [...tokens];
}

function tails(value: string, lengths: number[]): string[] {
  return [value, ...lengths.filter((n) => value.length > n).map((n) => value.slice(-n))];
}

function bigrams(text: string): string[] {
  const chars = [...text.toLowerCase().replace(NON_TOKEN, '')];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

function searchDocumentV8(
  r: { name: string; idNumber: string; phone: string | null; phone2: string | null; address: string | null },
  cache: Map<string, string[]>,
): { name: string; py: string; idn: string; phone: string; addr: string } {
  return {
    name: nameTokens(r.name).join(' '),
    py: pinyinTokens(r.name, cache).join(' '),
    idn: tails(r.idNumber.toLowerCase(), [4, 5, 6]).join(' '),
    phone: [r.phone, r.phone2].filter((p): p is string => !!p).flatMap((p) => tails(p, [4])).join(' '),
    addr: bigrams(r.address ?? '').join(' '),
  };
}
