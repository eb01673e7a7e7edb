import type { Migration } from '../migrate';

/**
 * v11: elderly care's places — its settings and code tables, residential compounds (小区) with
 * positions, residents' own positions, facilities (养老服务设施) with their licences and inspections.
 * Positions keep what was typed (lng, lat, crs) and the WGS-84 form used for computing.
 * JSON columns hold small structured values (places by kind, staff by role, services offered).
 */
export const migration0011: Migration = {
  version: 11,
  name: 'eldercare-facilities',
  up(db) {
    db.exec(`
      CREATE TABLE eldercare_settings (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        -- The whole settings object (shared/domain/eldercare/settings.ts), checked by the core.
        value TEXT NOT NULL CHECK (json_valid(value)),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;

      -- The office's own entries over the shipped code tables (labels, additions, retirements).
      CREATE TABLE eldercare_codes (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        code_table TEXT NOT NULL CHECK (code_table IN ('facility_kind', 'service')),
        code TEXT NOT NULL,
        zh TEXT NOT NULL,
        en TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX eldercare_codes_code ON eldercare_codes (code_table, code) WHERE deleted_at IS NULL;

      CREATE TABLE compounds (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        name TEXT NOT NULL,
        address TEXT,
        grid_id TEXT REFERENCES grids(id),
        lng REAL,
        lat REAL,
        crs TEXT CHECK (crs IN ('wgs84', 'gcj02', 'bd09')),
        wgs_lng REAL,
        wgs_lat REAL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        CHECK ((lng IS NULL) = (lat IS NULL) AND (lng IS NULL) = (crs IS NULL) AND (lng IS NULL) = (wgs_lng IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX compounds_name ON compounds (name) WHERE deleted_at IS NULL;
      CREATE INDEX compounds_grid ON compounds (grid_id) WHERE deleted_at IS NULL;

      -- Where a resident lives, for the service circle: their compound, and their own point if entered
      -- (a resident's position is their compound's unless their own is entered).
      CREATE TABLE resident_places (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        resident_id TEXT NOT NULL REFERENCES residents(id),
        compound_id TEXT REFERENCES compounds(id),
        lng REAL,
        lat REAL,
        crs TEXT CHECK (crs IN ('wgs84', 'gcj02', 'bd09')),
        wgs_lng REAL,
        wgs_lat REAL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        CHECK ((lng IS NULL) = (lat IS NULL) AND (lng IS NULL) = (crs IS NULL) AND (lng IS NULL) = (wgs_lng IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX resident_places_resident ON resident_places (resident_id) WHERE deleted_at IS NULL;
      CREATE INDEX resident_places_compound ON resident_places (compound_id) WHERE deleted_at IS NULL;

      CREATE TABLE facilities (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        code TEXT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        operator TEXT NOT NULL CHECK (operator IN ('public', 'public_private', 'private')),
        operator_name TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'planned', 'closed')),
        address TEXT,
        grid_id TEXT REFERENCES grids(id),
        compound_id TEXT REFERENCES compounds(id),
        lng REAL,
        lat REAL,
        crs TEXT CHECK (crs IN ('wgs84', 'gcj02', 'bd09')),
        wgs_lng REAL,
        wgs_lat REAL,
        phone TEXT,
        beds INTEGER NOT NULL DEFAULT 0 CHECK (beds >= 0),
        -- {"day_care": 30, "meal_seats": 60, …}: places by kind.
        places TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(places)),
        -- {"nurse": 4, "caregiver": 12, …}: staff by role.
        staff TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(staff)),
        -- [{"code": "meal", "days": [1,2,3,4,5]}, …]: the ten-assistance services it offers, and on which weekdays.
        services TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(services)),
        opening_hours TEXT,
        pilot TEXT NOT NULL DEFAULT 'none' CHECK (pilot IN ('none', 'county', 'city', 'province', 'national')),
        opened_on TEXT,
        closed_on TEXT,
        notes TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        CHECK ((lng IS NULL) = (lat IS NULL) AND (lng IS NULL) = (crs IS NULL) AND (lng IS NULL) = (wgs_lng IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX facilities_code ON facilities (code) WHERE deleted_at IS NULL AND code IS NOT NULL;
      CREATE INDEX facilities_status ON facilities (status, kind) WHERE deleted_at IS NULL;

      -- 许可与备案: licences and filings, with numbers and expiry dates.
      CREATE TABLE facility_licences (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        facility_id TEXT NOT NULL REFERENCES facilities(id),
        kind TEXT NOT NULL CHECK (kind IN ('licence', 'filing')),
        title TEXT NOT NULL,
        number TEXT NOT NULL,
        authority TEXT,
        issued_on TEXT,
        expires_on TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX facility_licences_facility ON facility_licences (facility_id) WHERE deleted_at IS NULL;
      CREATE INDEX facility_licences_expiry ON facility_licences (expires_on) WHERE deleted_at IS NULL;

      -- 检查: inspections, their findings and the rectification they asked for.
      CREATE TABLE facility_inspections (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        facility_id TEXT NOT NULL REFERENCES facilities(id),
        inspected_on TEXT NOT NULL,
        inspector TEXT NOT NULL,
        findings TEXT,
        rectification_due TEXT,
        followed_up_on TEXT,
        follow_up_note TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX facility_inspections_facility ON facility_inspections (facility_id, inspected_on) WHERE deleted_at IS NULL;
      CREATE INDEX facility_inspections_due ON facility_inspections (rectification_due) WHERE deleted_at IS NULL AND followed_up_on IS NULL;
    `);
  },
};
