/**
 * Turn what a clerk typed into index lookups, in rank order: a whole ID first, then an exact name,
 * name prefix, pinyin, ID tail, phone, name part, address. Pure: no SQL here.
 */
import { bigrams } from './document';
import { normalizeIdNumber } from '../../../../shared/domain/id-number';
import type { SearchHit } from '../../../../shared/contract/residents';

export type SearchStep =
  | { kind: 'id_exact'; idNumber: string }
  | { kind: 'name_exact'; name: string }
  | { kind: Exclude<SearchHit['match'], 'id_exact' | 'name_exact'>; index: SearchIndex; match: string };

/**
 * Which FTS5 table a match runs against: `names` (name, py — with prefix indexes for 张*, zs*) or
 * `lookup` (idn, phone, addr — whole tokens). See migration 0008.
 */
export type SearchIndex = 'names' | 'lookup';

const HAN = /\p{Script=Han}/u;
const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

export function planSearch(raw: string): SearchStep[] {
  const q = raw.normalize('NFKC').trim();
  if (!q) return [];
  // Phones are written 139-9512-3456 or 0952-1234567 and stored without the dashes.
  const compact = /^[\d-]+$/.test(q.replace(/\s+/g, '')) ? q.replace(/[\s-]+/g, '') : q.replace(/\s+/g, '');
  const lower = compact.toLowerCase();
  const id = normalizeIdNumber(compact);
  if (/^\d{17}[\dX]$/.test(id) || /^\d{15}$/.test(id)) return [{ kind: 'id_exact', idNumber: id }];
  if (/^\d{4,6}$/.test(lower) || /^\d{3,5}x$/.test(lower)) {
    return [
      { kind: 'id_suffix', index: 'lookup', match: `idn : ${quote(lower)}` },
      { kind: 'phone', index: 'lookup', match: `phone : ${quote(lower)}` },
    ];
  }
  if (/^\d{7,14}$/.test(lower)) return [{ kind: 'phone', index: 'lookup', match: `phone : ${quote(lower)} *` }];
  if (/^[a-z]+$/.test(lower)) return [{ kind: 'pinyin', index: 'names', match: `py : ${quote(lower)} *` }];
  const steps: SearchStep[] = [];
  const token = lower.replace(/[^\p{L}\p{N}]+/gu, '');
  if (HAN.test(compact) && !/\d/.test(compact)) {
    steps.push({ kind: 'name_exact', name: q.replace(/\s+/g, ' ') });
    if (token) {
      steps.push({ kind: 'name_prefix', index: 'names', match: `name : ^ ${quote(token)} *` });
      steps.push({ kind: 'name_part', index: 'names', match: `name : ${quote(token)} *` });
    }
  }
  const grams = bigrams(compact);
  if (grams.length >= 1 && token.length >= 2) steps.push({ kind: 'address', index: 'lookup', match: `addr : ${quote(grams.join(' '))}` });
  return steps;
}
