/** Storage rows → contract orders and series (overdue and the legal actions computed here, once). */
import type { ServiceOrder, ServiceSeries } from '../../../../shared/contract';
import { COLUMN_OF, isOverdue, legalEvents } from '../../../../shared/domain/eldercare/orders';
import type { EldercareSettings } from '../../../../shared/domain/eldercare/settings';
import { personRef } from '../care/people';
import type { OrderRow, SeriesRow } from './repository';

export interface OrderViewContext {
  mask: (id: string) => string;
  today: string;
  settings: Pick<EldercareSettings, 'dispatchWithinDays' | 'completeWithinDays'>;
}

export function toOrder(row: OrderRow, v: OrderViewContext): ServiceOrder {
  return {
    id: row.id,
    version: row.version,
    person: personRef(row, v.mask),
    service: row.service,
    channel: row.channel,
    status: row.status,
    column: COLUMN_OF[row.status],
    overdue: isOverdue({ status: row.status, requestedOn: row.requested_on, dueOn: row.due_on, dispatchedOn: row.dispatched_on }, v.today, v.settings),
    actions: legalEvents(row.status),
    requestedOn: row.requested_on,
    requestNote: row.request_note,
    gridId: row.grid_id,
    gridName: row.grid_name,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    provider: row.provider,
    dispatchedOn: row.dispatched_on,
    dueOn: row.due_on,
    doneOn: row.done_on,
    durationMinutes: row.duration_minutes,
    costCents: row.cost_cents,
    subsidyCents: row.subsidy_cents,
    satisfaction: row.satisfaction,
    feedback: row.feedback,
    feedbackOn: row.feedback_on,
    cancelReason: row.cancel_reason,
    seriesId: row.series_id,
    occurrenceOn: row.occurrence_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSeries(row: SeriesRow, mask: (id: string) => string): ServiceSeries {
  return {
    id: row.id,
    version: row.version,
    person: personRef(row, mask),
    service: row.service,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    provider: row.provider,
    rrule: row.rule,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    durationMinutes: row.duration_minutes,
    costCents: row.cost_cents,
    subsidyCents: row.subsidy_cents,
    generatedThrough: row.generated_through,
    status: row.status,
    occurrences: { total: row.total, delivered: row.delivered, pending: row.pending, cancelled: row.cancelled, missed: row.missed },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
