import type { Db } from '../../db/connection';

export interface DemoResident {
  id: string;
  birth_date: string;
  address: string | null;
  grid_id: string | null;
  living_alone: number;
  empty_nest: number;
  left_behind: number;
}

/** The register's live residents, as the demo step places them (address → compound) and profiles the older ones. */
export function residentsForDemo(db: Db): DemoResident[] {
  return db
    .prepare("SELECT id, birth_date, address, grid_id, living_alone, empty_nest, left_behind FROM residents WHERE deleted_at IS NULL AND status = 'active' ORDER BY n")
    .all() as DemoResident[];
}

/** Has the demo already placed this office's people (a second run adds nothing to elderly care)? */
export function anyPlaces(db: Db): boolean {
  return db.prepare('SELECT 1 FROM resident_places LIMIT 1').get() !== undefined;
}

export function gridIdsForDemo(db: Db): string[] {
  return (db.prepare('SELECT id FROM grids WHERE deleted_at IS NULL ORDER BY code').all() as { id: string }[]).map((g) => g.id);
}
