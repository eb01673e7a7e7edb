/** The 15-minute service circle: map, table, what-if (to be filled by its part). */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function CoveragePage() {
  const { t } = useTranslation();
  return <Text c="dimmed">{t('eldercare.comingSoon')}</Text>;
}
