/** Facilities: the list and one facility's page (to be filled by its part). */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FacilitiesRoutes() {
  const { t } = useTranslation();
  return <Text c="dimmed">{t('eldercare.comingSoon')}</Text>;
}
