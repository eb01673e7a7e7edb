/** Previous / next over an offset-paged list, with where the clerk is in it. */
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange(offset: number): void }) {
  const { t } = useTranslation();
  if (total <= limit) return null;
  return (
    <Group gap="xs" component="nav" aria-label={t('eldercare.careUi.common.pageOf', { from: offset + 1, to: Math.min(offset + limit, total), total })}>
      <Button size="xs" variant="default" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('eldercare.careUi.common.previous')}
      </Button>
      <Text size="sm">{t('eldercare.careUi.common.pageOf', { from: offset + 1, to: Math.min(offset + limit, total), total })}</Text>
      <Button size="xs" variant="default" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('eldercare.careUi.common.next')}
      </Button>
    </Group>
  );
}
