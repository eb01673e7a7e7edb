/** Older residents and the worklist (to be filled by its part). */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function OlderPage() {
  const { t } = useTranslation();
  return <Text c="dimmed">{t('eldercare.comingSoon')}</Text>;
}
