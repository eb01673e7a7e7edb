/** One page of the trail, newest first: when, who, what, on which record, which fields, details. */
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../../shared/contract';
import { useFormatters } from '../../app/i18n/format';
import { TECHNICAL_DETAIL, useAuditLabels } from './labels';

/** Detail values are already sanitized by the core; the readable ones as `key: value`, the rest in a tooltip. */
function Detail({ detail }: { detail: Record<string, unknown> }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const entries = Object.entries(detail);
  const readable = entries.filter(([key]) => !TECHNICAL_DETAIL.has(key));
  const technical = entries.filter(([key]) => TECHNICAL_DETAIL.has(key));
  return (
    <Text size="xs" c="dimmed" title={technical.length ? `${t('audit.technical')}: ${technical.map(([k, v]) => `${k}=${String(v)}`).join(', ')}` : undefined}>
      {readable.map(([key, value]) => `${labels.detailKey(key)}: ${labels.detailValue(key, value)}`).join(' · ')}
    </Text>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  const labels = useAuditLabels();
  if (!entry.entity) return null;
  const name = labels.entity(entry.entity);
  if (!entry.entityId) return <>{name}</>;
  // Ids are long; the start tells records apart at a glance, the whole one is in the tooltip.
  const shortId = entry.entityId.slice(-8);
  if (entry.entity === 'residents') {
    return (
      <Anchor component={Link} to={`/residents/${entry.entityId}`} title={entry.entityId} size="sm">
        {name} …{shortId}
      </Anchor>
    );
  }
  return (
    <Text span size="sm" title={entry.entityId}>
      {name} …{shortId}
    </Text>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const labels = useAuditLabels();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('audit.columns.seq')}</Table.Th>
            <Table.Th>{t('audit.columns.at')}</Table.Th>
            <Table.Th>{t('audit.columns.user')}</Table.Th>
            <Table.Th>{t('audit.columns.action')}</Table.Th>
            <Table.Th>{t('audit.columns.target')}</Table.Th>
            <Table.Th>{t('audit.columns.fields')}</Table.Th>
            <Table.Th>{t('audit.columns.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq} data-testid="audit-entry" data-action={entry.action}>
              <Table.Td>{entry.seq}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.username ?? t('audit.system')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{labels.action(entry.action)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Target entry={entry} />
              </Table.Td>
              <Table.Td>{entry.fields.map((f) => labels.field(entry.entity, f)).join('、')}</Table.Td>
              <Table.Td>
                <Detail detail={entry.detail} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
