/**
 * One alert as a clerk reads it: its source's catalog text (`alerts.sources.<source>`) filled with
 * its params (dates the Chinese way), and a link to the record it concerns. A source the catalog
 * does not know (a module removed, a newer version's alert) still reads calmly.
 */
import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Alert } from '../../../../shared/contract';
import { useFormatters } from '../../app/i18n/format';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Where the record an alert concerns is opened, by its record table. */
const RECORD_PAGES: Record<string, (id: string) => string> = {
  facilities: (id) => `/eldercare/facilities/${id}`,
  residents: (id) => `/residents/${id}`,
};

export function recordPath(alert: Pick<Alert, 'entity' | 'entityId'>): string | null {
  if (!alert.entity || !alert.entityId) return null;
  return RECORD_PAGES[alert.entity]?.(alert.entityId) ?? null;
}

export function useAlertText() {
  const { t, i18n } = useTranslation();
  const { formatDate } = useFormatters();
  return (alert: Pick<Alert, 'source' | 'params'>) => {
    const key = `alerts.sources.${alert.source}`;
    if (!i18n.exists(key)) return t('alertsUi.unknownSource', { source: alert.source });
    const params = Object.fromEntries(Object.entries(alert.params).map(([k, v]) => [k, typeof v === 'string' && ISO_DATE.test(v) ? formatDate(v) : v]));
    // Catalog keys are checked per source at run time: the sources are data, not a fixed list.
    return t(key as 'alerts.title', params);
  };
}

export function AlertRecordLink({ alert }: { alert: Pick<Alert, 'entity' | 'entityId' | 'params'> }) {
  const { t } = useTranslation();
  const path = recordPath(alert);
  if (!path) return null;
  const name = typeof alert.params.facility === 'string' ? alert.params.facility : typeof alert.params.name === 'string' ? alert.params.name : null;
  return (
    <Anchor component={Link} to={path} size="sm" data-testid="alert-record-link">
      {name ? t('alertsUi.openNamed', { name }) : t('alertsUi.open')}
    </Anchor>
  );
}
