import type { Migration } from '../migrate';

/**
 * v3: grids, households, residents, membership history, ID-reveal records and the search index.
 * `residents.n` is an explicit INTEGER PRIMARY KEY so the full-text index's rowids stay stable
 * across VACUUM; the UUIDv7 `id` is what everything else refers to.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'residents-and-households',
  up(db) {
    db.exec(`
      CREATE TABLE grids (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        worker TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX grids_code ON grids (code) WHERE deleted_at IS NULL;

      CREATE TABLE households (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        address TEXT,
        grid_id TEXT REFERENCES grids(id),
        head_resident_id TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;

      CREATE TABLE residents (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        office_id TEXT NOT NULL REFERENCES office(id),
        name TEXT NOT NULL,
        name_pinyin TEXT NOT NULL,
        id_number TEXT NOT NULL,
        id_legacy INTEGER NOT NULL DEFAULT 0 CHECK (id_legacy IN (0, 1)),
        birth_date TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
        division_code TEXT NOT NULL,
        phone TEXT,
        phone2 TEXT,
        address TEXT,
        grid_id TEXT REFERENCES grids(id),
        household_id TEXT REFERENCES households(id),
        relation TEXT,
        ethnicity TEXT,
        marital_status TEXT,
        hukou_type TEXT,
        employment TEXT,
        health_status TEXT,
        living_alone INTEGER NOT NULL DEFAULT 0,
        empty_nest INTEGER NOT NULL DEFAULT 0,
        left_behind INTEGER NOT NULL DEFAULT 0,
        serious_illness INTEGER NOT NULL DEFAULT 0,
        disability_cert TEXT,
        disability_category INTEGER,
        disability_grade INTEGER,
        low_income_category TEXT,
        notes TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved_out', 'deceased')),
        status_date TEXT,
        merged_into TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      -- The same person can never be registered twice in an office, even by two writers at once.
      CREATE UNIQUE INDEX residents_id_number ON residents (id_number) WHERE deleted_at IS NULL;
      CREATE INDEX residents_household ON residents (household_id);
      CREATE INDEX residents_grid ON residents (grid_id);
      CREATE INDEX residents_birth_date ON residents (birth_date);
      CREATE INDEX residents_name_pinyin ON residents (name_pinyin);
      CREATE INDEX residents_name_birth ON residents (name, birth_date);
      CREATE INDEX residents_phone ON residents (phone) WHERE phone IS NOT NULL;
      CREATE INDEX residents_low_income ON residents (low_income_category) WHERE low_income_category IS NOT NULL;
      CREATE INDEX residents_updated ON residents (updated_at);

      -- Who was a member of which household when (户籍变动历史); the resident row holds the current one.
      CREATE TABLE household_members (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        household_id TEXT NOT NULL REFERENCES households(id),
        resident_id TEXT NOT NULL REFERENCES residents(id),
        relation TEXT NOT NULL,
        from_at TEXT NOT NULL,
        to_at TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX household_members_household ON household_members (household_id, from_at);
      CREATE INDEX household_members_resident ON household_members (resident_id, from_at);

      -- Every showing of a full ID number: who, whose, why, when.
      CREATE TABLE id_reveals (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        resident_id TEXT NOT NULL REFERENCES residents(id),
        user_id TEXT NOT NULL,
        purpose TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX id_reveals_resident ON id_reveals (resident_id, seq);

      -- Search index: names (and their tails), pinyin variants, ID and phone tails, address bigrams.
      -- Contentless: it holds only tokens; rows are looked up in residents by rowid = residents.n.
      CREATE VIRTUAL TABLE resident_search USING fts5(
        name, py, idn, phone, addr,
        content = '', contentless_delete = 1, prefix = '1 2 3',
        tokenize = 'unicode61 remove_diacritics 0'
      );
    `);
  },
};
