import type { Migration } from '../migrate';

/**
 * v13: what the service circle needs beyond positions — the real walk from a compound to a facility
 * where the office knows it (overriding straight line × detour), and the office's grid boundaries
 * (imported from a GeoJSON file of its area) for the offline map.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'eldercare-coverage',
  up(db) {
    db.exec(`
      CREATE TABLE compound_walks (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        compound_id TEXT NOT NULL REFERENCES compounds(id),
        facility_id TEXT NOT NULL REFERENCES facilities(id),
        meters INTEGER NOT NULL CHECK (meters >= 0),
        note TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX compound_walks_pair ON compound_walks (compound_id, facility_id) WHERE deleted_at IS NULL;

      -- A grid's boundary (WGS-84 GeoJSON geometry: Polygon or MultiPolygon).
      CREATE TABLE grid_areas (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        grid_id TEXT NOT NULL REFERENCES grids(id),
        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
        source_crs TEXT NOT NULL CHECK (source_crs IN ('wgs84', 'gcj02', 'bd09')),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX grid_areas_grid ON grid_areas (grid_id) WHERE deleted_at IS NULL;
    `);
  },
};
