/**
 * 审计日志链头: the short code a director signs on the monthly report, and the head the bureau last
 * acknowledged. A trail rewritten after either no longer leads to it.
 */
import { Code, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../../shared/contract';
import { auditHeadCode } from '../../../../../shared/domain/sync';

type Status = MethodOutput<'sync.status'>;

export function AuditHeadCard({ auditHead, anchoredHead }: Pick<Status, 'auditHead' | 'anchoredHead'>) {
  const { t } = useTranslation();
  const title = t('syncUi.auditHead.title');
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid="sync-audit-head">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text size="sm">{t('syncUi.auditHead.explain')}</Text>
        {auditHead ? (
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('syncUi.auditHead.current', { seq: auditHead.seq })}
            </Text>
            {/* Large and monospaced, to be copied onto the report by hand; focusable so it scrolls by keyboard. */}
            <Code block fz="lg" tabIndex={0} data-testid="sync-audit-head-code">
              {auditHead.code}
            </Code>
          </div>
        ) : (
          <Text size="sm" c="dimmed">
            {t('syncUi.auditHead.none')}
          </Text>
        )}
        <Text size="sm" data-testid="sync-anchored-head">
          {anchoredHead
            ? t('syncUi.auditHead.anchored', { seq: anchoredHead.seq, code: auditHeadCode(anchoredHead.seq, anchoredHead.hash) })
            : t('syncUi.auditHead.notAnchored')}
        </Text>
      </Stack>
    </Paper>
  );
}
