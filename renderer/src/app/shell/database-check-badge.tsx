import { useEffect } from 'react';
import { Badge, Popover, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DatabaseCheck } from '../../../../shared/contract';
import { useApi } from '../api/api-context';
import { contractKey, useContractQuery } from '../api/queries';
import { useFormatters } from '../i18n/format';

const KEY = contractKey('system.databaseCheck', {});

/**
 * The background database check in the header (数据库检查中… / 检查通过 / 发现损坏): the core checks
 * the whole file after sign-in, once per open, and pushes each step as a `database.check` event; the
 * query gives the state to a window opened later. Clicking the badge says what it means and, for
 * damage, what to do. Nothing shows when the check is off or the database is closing.
 */
export function DatabaseCheckBadge() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const { formatDateTime } = useFormatters();
  const { data } = useContractQuery('system.databaseCheck', {});

  useEffect(
    () =>
      api.subscribe((envelope) => {
        if (envelope.event === 'database.check') queryClient.setQueryData<DatabaseCheck>(KEY, envelope.payload as DatabaseCheck);
      }),
    [api, queryClient],
  );

  if (!data) return null;
  const shown = describe(data);
  if (!shown) return null;
  const detail =
    data.state === 'running'
      ? t('databaseCheck.checkingDetail', { done: data.done, total: data.total })
      : data.state === 'pending'
        ? t('databaseCheck.pendingDetail')
        : data.state === 'passed'
          ? t('databaseCheck.passedDetail', { time: formatDateTime(data.finishedAt), seconds: (data.ms / 1000).toFixed(1) })
          : data.state === 'damaged'
            ? data.backup
              ? t('databaseCheck.damagedDetail', { backup: data.backup })
              : t('databaseCheck.damagedNoBackup')
            : t('databaseCheck.failedDetail', { message: data.message ?? '' });

  return (
    <Popover width={340} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={`${t('databaseCheck.label')}: ${t(shown.label)}`} data-testid="database-check" data-state={data.state}>
          <Badge variant={data.state === 'damaged' ? 'filled' : 'light'} color={shown.color} tt="none">
            {t(shown.label)}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" data-testid="database-check-detail">
          {detail}
        </Text>
      </Popover.Dropdown>
    </Popover>
  );
}

function describe(check: DatabaseCheck): { label: `databaseCheck.${'checking' | 'passed' | 'damaged' | 'failed'}`; color: string } | undefined {
  switch (check.state) {
    case 'pending':
    case 'running':
      return { label: 'databaseCheck.checking', color: 'gray' };
    case 'passed':
      return { label: 'databaseCheck.passed', color: 'green' };
    case 'damaged':
      return { label: 'databaseCheck.damaged', color: 'red' };
    case 'unfinished':
      return check.reason === 'failed' ? { label: 'databaseCheck.failed', color: 'yellow' } : undefined;
  }
}
