/**
 * Where later modules will show this resident's records: assistance cases, elderly-care services
 * and household visits. Clearly empty until those modules exist — no sample data pretends otherwise.
 */
import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const SLOTS = [
  { id: 'cases', module: 'assistance' },
  { id: 'services', module: 'eldercare' },
  { id: 'visits', module: 'governance' },
] as const;

export function ModuleSlots() {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
      {SLOTS.map((slot) => (
        <Paper key={slot.id} withBorder p="md" component="section" aria-label={t(`residents.page.slots.${slot.id}`)} data-testid={`resident-slot-${slot.id}`} style={{ borderStyle: 'dashed' }}>
          <Title order={3} size="h5" mb={4}>
            {t(`residents.page.slots.${slot.id}`)}
          </Title>
          <Text size="sm" c="dimmed">
            {t('residents.page.slotLater', { module: t(`nav.${slot.module}`) })}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
