import { EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BoxIcon } from '../../app/components/icons';
import type { ModuleId } from '../../app/shell/modules';

/** Modules not built yet say so plainly; no sample data pretends otherwise. */
export function ModulePlaceholder({ module }: { module: ModuleId }) {
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
