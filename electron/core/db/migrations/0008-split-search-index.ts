import type { Migration } from '../migrate';
import { buildSearchDocument } from '../../residents/search/document';

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
    // In pages: better-sqlite3 cannot write while a statement is still iterating.
    const page = db.prepare('SELECT n, name, id_number, phone, phone2, address FROM residents WHERE deleted_at IS NULL AND n > ? ORDER BY n LIMIT 2000');
    let after = 0;
    for (;;) {
      const rows = page.all(after) as { n: number; name: string; id_number: string; phone: string | null; phone2: string | null; address: string | null }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const doc = buildSearchDocument({ name: r.name, idNumber: r.id_number, phone: r.phone, phone2: r.phone2, address: r.address });
        names.run(r.n, doc.name, doc.py);
        lookup.run(r.n, doc.idn, doc.phone, doc.addr);
      }
      after = rows[rows.length - 1].n;
    }
  },
};
