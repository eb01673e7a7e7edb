/**
 * Likely duplicates (same name + birth date, or same name + phone) before saving: a warning with a
 * link to each other record, never a refusal — two people can share a name and a birthday. The
 * first save with duplicates on screen stops here; "save anyway" (or saving again) goes ahead.
 */
import { Alert, Anchor, Button, List, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { likelyDuplicateSchema, Resident } from '../../../../../shared/contract/residents';
import { checkIdNumber } from '../../../../../shared/domain/id-number';
import { phoneSchema } from '../../../../../shared/domain/residents';
import { useContractQuery } from '../../../app/api/queries';
import type { ResidentFormValues } from './form-values';

export type LikelyDuplicate = z.infer<typeof likelyDuplicateSchema>;

/** What the duplicate check can use: a name plus a valid ID or a plausible phone; null if not enough yet. */
export function duplicateQuery(values: Pick<ResidentFormValues, 'name' | 'idNumber' | 'phone' | 'revealed'>, resident: Resident | undefined) {
  const name = values.name.trim();
  if (!name) return null;
  const id = resident && !values.revealed ? null : checkIdNumber(values.idNumber);
  const phone = phoneSchema.safeParse(values.phone);
  if (!id?.valid && !phone.success) return null;
  return {
    name,
    ...(id?.valid ? { idNumber: id.normalized } : {}),
    ...(phone.success ? { phone: phone.data } : {}),
    ...(resident ? { excludeId: resident.id } : {}),
  };
}

export function duplicatesKey(items: LikelyDuplicate[]): string {
  return items
    .map((d) => d.id)
    .sort()
    .join(',');
}

interface LiveProps {
  form: UseFormReturnType<ResidentFormValues>;
  resident: Resident | undefined;
  /** The set the last save attempt stopped at, if any. */
  warned: { items: LikelyDuplicate[]; key: string } | null;
  onConfirm: () => void;
  saving: boolean;
}

/**
 * Checked while typing, once name and ID (or phone) are in: the clerk sees the warning before
 * reaching Save. Watches only the fields it needs, so the rest of the form does not re-render.
 */
export function LiveDuplicateWarning({ form, resident, warned, onConfirm, saving }: LiveProps) {
  const name = form.useWatchValue('name');
  const idNumber = form.useWatchValue('idNumber');
  const phone = form.useWatchValue('phone');
  const revealed = form.useWatchValue('revealed');
  const [query] = useDebouncedValue(duplicateQuery({ name, idNumber, phone, revealed }, resident), 300);
  const live = useContractQuery('residents.checkDuplicates', query ?? { name: '-' }, { enabled: query !== null });
  const items = (query ? live.data : undefined) ?? warned?.items ?? [];
  const needsConfirm = warned !== null && warned.key === duplicatesKey(items);
  return <DuplicateWarning items={items} needsConfirm={needsConfirm} onConfirm={onConfirm} saving={saving} />;
}

interface Props {
  items: LikelyDuplicate[];
  needsConfirm: boolean;
  onConfirm: () => void;
  saving: boolean;
}

export function DuplicateWarning({ items, needsConfirm, onConfirm, saving }: Props) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" title={t('residents.form.duplicatesTitle')} role="alert" data-testid="resident-duplicates">
      <Text size="sm" mb="xs">
        {t('residents.form.duplicatesBody')}
      </Text>
      <List size="sm" spacing={4}>
        {items.map((d) => (
          <List.Item key={d.id}>
            <Anchor component={Link} to={`/residents/${d.id}`} data-testid="resident-duplicate-link">
              {d.name} {d.idNumberMasked}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              {t(`residents.form.duplicateReason.${d.reason}`)}
            </Text>
          </List.Item>
        ))}
      </List>
      {needsConfirm && (
        <>
          <Text size="sm" mt="xs">
            {t('residents.form.duplicatesConfirm')}
          </Text>
          {/* Mounted by a save attempt: the clerk's next Enter means "save anyway". */}
          <Button autoFocus mt="xs" color="yellow" onClick={onConfirm} loading={saving} data-testid="resident-save-anyway">
            {t('residents.form.saveAnyway')}
          </Button>
        </>
      )}
    </Alert>
  );
}
