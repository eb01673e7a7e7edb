/**
 * 审计日志: supervisors and administrators browse and filter the trail and verify its chain. The
 * core refuses audit.* to other roles whatever this page does; the nav hides it from them.
 */
import { useState } from 'react';
import { Alert, Group, Loader, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract';
import { useContractQuery } from '../../app/api/queries';
import { ErrorText } from '../../app/forms/contract-errors';
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';
import { VerifyChain } from './verify-chain';

const PAGE_SIZE = 50;

/** Local calendar days to the UTC instants the core stores: the "to" day is included whole. */
function toQuery(f: AuditFilterValues, page: number): MethodInput<'audit.list'> {
  const day = (value: string) => (value && dayjs(value).isValid() ? dayjs(value).startOf('day') : null);
  const from = day(f.fromDate);
  const to = day(f.toDate);
  return {
    ...(f.username ? { username: f.username } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.add(1, 'day').toISOString() } : {}),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const entries = useContractQuery('audit.list', toQuery(filters, page), { placeholderData: keepPreviousData });
  const pages = entries.data ? Math.max(1, Math.ceil(entries.data.total / PAGE_SIZE)) : 1;

  const changeFilters = (next: AuditFilterValues) => {
    setFilters(next);
    setPage(1);
  };

  return (
    <Stack gap="lg" data-testid="audit-page">
      <div>
        <Title order={2}>{t('audit.title')}</Title>
        <Text size="sm" c="dimmed" mt={4} maw={860}>
          {t('audit.intro')}
        </Text>
      </div>
      <VerifyChain />
      <Paper withBorder p="lg">
        <Stack gap="md">
          <AuditFilters value={filters} onChange={changeFilters} />
          {entries.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
          {entries.isError && (
            <Alert color="red" role="alert">
              <ErrorText error={entries.error.error} />
            </Alert>
          )}
          {entries.data && entries.data.items.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
          {entries.data && entries.data.items.length > 0 && <AuditTable entries={entries.data.items} />}
          {entries.data && (
            <Group justify="space-between">
              <Text size="sm" c="dimmed" data-testid="audit-total">
                {t('audit.total', { total: entries.data.total })}
              </Text>
              {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} aria-label={t('audit.pageLabel')} data-testid="audit-pages" />}
            </Group>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
