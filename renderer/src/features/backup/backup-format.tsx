/** How backups read on screen: sizes, what they hold, and the errors their jobs and queries end with. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../../../shared/contract';
import { catalogs } from '../../../../shared/i18n';
import { CallErrorText } from '../../app/forms/contract-errors';

type CountKey = Exclude<keyof (typeof catalogs)['zh-CN']['backup']['counts'], 'other'>;

function isCountKey(key: string): key is CountKey {
  return key !== 'other' && Object.prototype.hasOwnProperty.call(catalogs['zh-CN'].backup.counts, key);
}

/** `1.2 MB`, in the catalog's words for the units. */
export function useFormatBytes() {
  const { t } = useTranslation();
  return (bytes: number) => {
    if (bytes < 1024) return t('backup.size.bytes', { value: bytes });
    if (bytes < 1024 ** 2) return t('backup.size.kb', { value: (bytes / 1024).toFixed(1) });
    if (bytes < 1024 ** 3) return t('backup.size.mb', { value: (bytes / 1024 ** 2).toFixed(1) });
    return t('backup.size.gb', { value: (bytes / 1024 ** 3).toFixed(2) });
  };
}

/** "居民 120 人" and the like, residents first; tables this version has no words for keep their name. */
export function useCountLabels() {
  const { t } = useTranslation();
  return (counts: BackupSummary['counts']) =>
    Object.entries(counts).map(([key, count]) =>
      isCountKey(key) ? t(`backup.counts.${key}`, { count }) : t('backup.counts.other', { table: key, count }),
    );
}

/** `verified` false: the header's MAC was not checked with this database's key, so the counts are only what the file claims. */
export function CountsText({ counts, verified = true }: { counts: BackupSummary['counts']; verified?: boolean }) {
  const { t } = useTranslation();
  const labels = useCountLabels();
  return (
    <Text size="sm">
      {labels(counts).join('，')}
      {!verified && <span data-testid="counts-unverified">{t('backup.countsUnverified')}</span>}
    </Text>
  );
}

/** A failed call's message: the shared one (app/forms/contract-errors.tsx). */
export const BackupErrorText = CallErrorText;
