import type { Migration } from '../migrate';

/**
 * v12: older residents' care profiles and capability assessments (GB/T 42195-2022), and the
 * "ten assistance" (十助) service orders, one-off and recurring. Older residents are not copied:
 * who is 60+ comes from residents.birth_date; a profile only adds what the register does not hold.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'eldercare-care-and-orders',
  up(db) {
    db.exec(`
      CREATE TABLE care_profiles (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        resident_id TEXT NOT NULL REFERENCES residents(id),
        living TEXT NOT NULL CHECK (living IN ('alone', 'empty_nest', 'left_behind', 'with_family')),
        -- ["meal", "bath", …]: the services they need (service codes), and free notes.
        care_needs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(care_needs)),
        -- [{"name", "relation", "phone"}, …]
        emergency_contacts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emergency_contacts)),
        facility_id TEXT REFERENCES facilities(id),
        notes TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX care_profiles_resident ON care_profiles (resident_id) WHERE deleted_at IS NULL;
      CREATE INDEX care_profiles_facility ON care_profiles (facility_id) WHERE deleted_at IS NULL;

      -- 老年人能力评估 (GB/T 42195-2022): the four first-level scores when recorded, and the level.
      CREATE TABLE care_assessments (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        resident_id TEXT NOT NULL REFERENCES residents(id),
        assessed_on TEXT NOT NULL,
        assessor TEXT NOT NULL,
        self_care INTEGER,
        motor INTEGER,
        mental INTEGER,
        perception INTEGER,
        level TEXT NOT NULL CHECK (level IN ('intact', 'mild', 'moderate', 'severe', 'complete')),
        next_due TEXT NOT NULL,
        notes TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX care_assessments_resident ON care_assessments (resident_id, assessed_on) WHERE deleted_at IS NULL;
      CREATE INDEX care_assessments_on ON care_assessments (assessed_on) WHERE deleted_at IS NULL;

      -- A recurring order (meal aid every weekday, a bath every second week): an RFC 5545 rule.
      CREATE TABLE service_series (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        resident_id TEXT NOT NULL REFERENCES residents(id),
        service TEXT NOT NULL,
        facility_id TEXT REFERENCES facilities(id),
        provider TEXT,
        rule TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        ends_on TEXT,
        duration_minutes INTEGER,
        cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
        subsidy_cents INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_cents >= 0),
        -- Occurrences exist as orders up to and including this date.
        generated_through TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX service_series_resident ON service_series (resident_id) WHERE deleted_at IS NULL;

      -- 服务工单: recorded → dispatched → done → feedback; or cancelled / missed (an undelivered occurrence).
      CREATE TABLE service_orders (
        id TEXT PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES office(id),
        resident_id TEXT NOT NULL REFERENCES residents(id),
        service TEXT NOT NULL,
        -- The resident's grid when the order was recorded (statistics by grid keep their history).
        grid_id TEXT,
        channel TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'desk', 'online', 'series')),
        status TEXT NOT NULL CHECK (status IN ('recorded', 'dispatched', 'done', 'closed', 'cancelled', 'missed')),
        requested_on TEXT NOT NULL,
        request_note TEXT,
        facility_id TEXT REFERENCES facilities(id),
        provider TEXT,
        dispatched_on TEXT,
        due_on TEXT,
        done_on TEXT,
        duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
        cost_cents INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
        subsidy_cents INTEGER CHECK (subsidy_cents IS NULL OR subsidy_cents >= 0),
        satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
        feedback TEXT,
        feedback_on TEXT,
        cancel_reason TEXT,
        series_id TEXT REFERENCES service_series(id),
        occurrence_on TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX service_orders_occurrence ON service_orders (series_id, occurrence_on) WHERE series_id IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX service_orders_status ON service_orders (status, due_on) WHERE deleted_at IS NULL;
      CREATE INDEX service_orders_resident ON service_orders (resident_id, requested_on) WHERE deleted_at IS NULL;
      -- Statistics: one pass over a period's delivered services (the person-time rule: status done or closed).
      -- Led by the month, so a GROUP BY month, service, facility, grid, person streams in index order
      -- (no temporary B-tree); done_on, status and deleted_at at the end make it covering.
      CREATE INDEX service_orders_done ON service_orders (substr(done_on, 1, 7), service, facility_id, grid_id, resident_id, done_on, status, deleted_at)
        WHERE deleted_at IS NULL AND status IN ('done', 'closed');
    `);
  },
};
