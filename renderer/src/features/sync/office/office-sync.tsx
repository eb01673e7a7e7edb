/** 数据报送 for an office: enrollment first; once enrolled, who it reports to, sending, the bundles, the audit head. */
import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../../shared/contract';
import { AuditHeadCard } from './audit-head';
import { BundlesTable } from './bundles-table';
import { EnrollmentCard } from './enrollment-card';
import { NotEnrolled } from './not-enrolled';
import { SendSection } from './send-section';

export function OfficeSync({ status, onChanged }: { status: MethodOutput<'sync.status'>; onChanged(): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={1100} data-testid="sync-page" data-role={status.role}>
      <Title order={2}>{t('syncUi.title')}</Title>
      {status.enrollment ? (
        <>
          <EnrollmentCard enrollment={status.enrollment} onChanged={onChanged} />
          <SendSection status={status} onChanged={onChanged} />
          <BundlesTable bundles={status.bundles} acknowledgedSequence={status.acknowledgedSequence} />
          <AuditHeadCard auditHead={status.auditHead} anchoredHead={status.anchoredHead} />
        </>
      ) : (
        <NotEnrolled onEnrolled={onChanged} />
      )}
    </Stack>
  );
}
