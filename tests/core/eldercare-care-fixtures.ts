/**
 * An office for elderly-care tests: a fixed clock (Beijing 2026-03-16, a Monday), clerk / supervisor /
 * viewer signed in, older residents registered through residents.create with the birth date in
 * their ID number, and facilities written straight into the table (the facilities API is another
 * part's; a test only needs the row).
 */
import type { Resident } from '../../shared/contract';
import { uuidv7 } from '../../electron/core/ids';
import { newIdNumber, register, setupRegistry, type RegistryOffice } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { TestClock } from '../support/test-clock';

/** 10:00 in Beijing on Monday 2026-03-16. */
export const NOW = '2026-03-16T02:00:00.000Z';
export const TODAY = '2026-03-16';

export interface CareOffice {
  t: TestHost;
  office: RegistryOffice;
  clerk: string;
  viewer: string;
}

export async function careOffice(now = NOW): Promise<CareOffice> {
  const t = createTestHost({ clock: new TestClock(now) });
  const office = await setupRegistry(t);
  return { t, office, clerk: office.clerk.conn, viewer: office.viewer.conn };
}

export async function older(c: CareOffice, name: string, birthDate: string, extra: { gridId?: string; livingAlone?: boolean } = {}): Promise<Resident> {
  return register(c.t, c.clerk, {
    name,
    idNumber: newIdNumber({ birthDate }),
    livingAlone: extra.livingAlone,
    household: { mode: 'new', address: '大武口区朝阳街道康乐小区1号楼', gridId: extra.gridId },
  });
}

export interface FacilityFixture {
  name?: string;
  services?: string[];
  status?: 'active' | 'planned' | 'closed';
  beds?: number;
  places?: Record<string, number>;
}

/** A facility row as the facilities part stores it (services with the days they are offered). */
export function facility(c: CareOffice, f: FacilityFixture = {}): string {
  const id = uuidv7();
  const officeId = (c.t.host.db.prepare('SELECT id FROM office').get() as { id: string }).id;
  const now = new Date().toISOString();
  c.t.host.db
    .prepare(
      `INSERT INTO facilities (id, office_id, name, kind, operator, status, beds, places, services, version, created_at, updated_at)
       VALUES (?, ?, ?, 'day_care', 'public', ?, ?, ?, ?, 1, ?, ?)`,
    )
    .run(
      id,
      officeId,
      f.name ?? '康乐日间照料中心',
      f.status ?? 'active',
      f.beds ?? 0,
      JSON.stringify(f.places ?? {}),
      JSON.stringify((f.services ?? ['meal']).map((code) => ({ code, days: [1, 2, 3, 4, 5] }))),
      now,
      now,
    );
  return id;
}

export async function grid(c: CareOffice, code: string, name: string): Promise<string> {
  const r = await c.t.call(c.office.adminConn, 'grids.create', { code, name, worker: '刘红' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}
