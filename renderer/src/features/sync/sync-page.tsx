/**
 * `/sync`: an office's 数据报送 (enroll, send bundles, take receipts), or — on a bureau's database —
 * the bureau's picture of the city. `sync.status` says which this database is.
 */
import { Alert, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { contractKey, useContractQuery } from '../../app/api/queries';
import { ErrorText } from '../../app/forms/contract-errors';
import { BureauPage } from './bureau/bureau-page';
import { OfficeSync } from './office/office-sync';

export function SyncPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useContractQuery('sync.status', {});
  // The outbox, the enrollment and receipts are no record tables: the page refreshes itself after its own calls.
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: contractKey('sync.status') }), [queryClient]);
  if (status.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (status.isError) {
    return (
      <Alert color="red" role="alert" data-testid="sync-status-error">
        <ErrorText error={status.error.error} />
      </Alert>
    );
  }
  if (status.data.role === 'bureau') return <BureauPage />;
  return <OfficeSync status={status.data} onChanged={refresh} />;
}
