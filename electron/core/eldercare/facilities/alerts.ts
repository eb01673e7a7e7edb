/**
 * The facility alerts: a licence or filing expiring within the office's licenceExpiryAlertDays,
 * one expired, and a rectification past its deadline with no follow-up. Each alert's key names the
 * record and the date it is about (`<licence id>:<expiry>`, `<inspection id>:<due>`), so it fires
 * once — a daily scan raises nothing new — yet a renewed licence can alert again when its new date
 * comes near. What no longer holds (renewed, followed up, removed, the facility closed) is resolved.
 */
import type { WriteContext } from '../../db/writes';
import { raiseAlert, resolveAlertsFor } from '../../alerts';
import { addDays, FACILITY_ALERT_SOURCES } from '../../../../shared/domain/eldercare/facilities';
import { readSettings } from '../settings/service';
import { licencesExpiringBy, overdueRectifications } from './repository';

const SOURCES = FACILITY_ALERT_SOURCES;

/**
 * Raise and resolve the facility alerts as of `today` (a Beijing calendar date) — for every
 * facility, or for one (after a write to it, its licences or its inspections).
 */
export function scanFacilityAlerts(w: WriteContext, today: string, facilityId?: string): { raised: number; resolved: number } {
  const { licenceExpiryAlertDays } = readSettings(w.db);
  const scope = facilityId === undefined ? {} : { entity: 'facilities', entityId: facilityId };
  const expiring = new Set<string>();
  const expired = new Set<string>();
  const overdue = new Set<string>();
  let raised = 0;
  for (const l of licencesExpiringBy(w.db, addDays(today, licenceExpiryAlertDays), facilityId)) {
    const key = `${l.id}:${l.expires_on}`;
    const isExpired = l.expires_on! < today;
    (isExpired ? expired : expiring).add(key);
    const id = raiseAlert(w, {
      source: isExpired ? SOURCES.licenceExpired : SOURCES.licenceExpiring,
      key,
      severity: isExpired ? 'urgent' : 'warning',
      entity: 'facilities',
      entityId: l.facility_id,
      params: { facility: l.facility_name, title: l.title, number: l.number, expiresOn: l.expires_on! },
      dueOn: l.expires_on,
      audience: 'records.write',
    });
    if (id) raised += 1;
  }
  for (const i of overdueRectifications(w.db, today, facilityId)) {
    const key = `${i.id}:${i.rectification_due}`;
    overdue.add(key);
    const id = raiseAlert(w, {
      source: SOURCES.rectificationOverdue,
      key,
      severity: 'warning',
      entity: 'facilities',
      entityId: i.facility_id,
      params: { facility: i.facility_name, inspectedOn: i.inspected_on, due: i.rectification_due! },
      dueOn: i.rectification_due,
      audience: 'records.write',
    });
    if (id) raised += 1;
  }
  // An expiring alert whose licence has since expired is resolved: the expired alert takes over.
  let resolved = resolveAlertsFor(w, { source: SOURCES.licenceExpiring, ...scope, keep: expiring });
  resolved += resolveAlertsFor(w, { source: SOURCES.licenceExpired, ...scope, keep: expired });
  resolved += resolveAlertsFor(w, { source: SOURCES.rectificationOverdue, ...scope, keep: overdue });
  return { raised, resolved };
}
