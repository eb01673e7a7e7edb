import { EmptyState, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../../../shared/i18n';
import { BoxIcon } from '../../app/components/icons';
import type { NavLabel } from '../../app/registry/feature';

/** Modules not built yet say so plainly; no sample data pretends otherwise. */
export function ModulePlaceholder({ module }: { module: NavLabel }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt="xl"
      icon={<BoxIcon />}
      withIndicatorBackground
      title={t('modules.laterTitle', { module: t(`nav.${module}`) })}
      description={t('modules.laterDescription')}
      data-testid={`module-${module}-placeholder`}
    />
  );
}

/** A place on the resident page that a later module fills (its slot's title is under `residents.page.slots`). */
export type ResidentSlot = keyof Catalog['residents']['page']['slots'];

/**
 * Where a later module will show this resident's records (assistance cases, elderly-care services,
 * household visits): clearly empty until that module exists — no sample data pretends otherwise.
 */
export function ResidentSlotPlaceholder({ slot, module }: { slot: ResidentSlot; module: NavLabel }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-label={t(`residents.page.slots.${slot}`)} data-testid={`resident-slot-${slot}`} style={{ borderStyle: 'dashed' }}>
      <Title order={3} size="h5" mb={4}>
        {t(`residents.page.slots.${slot}`)}
      </Title>
      <Text size="sm" c="dimmed">
        {t('residents.page.slotLater', { module: t(`nav.${module}`) })}
      </Text>
    </Paper>
  );
}
