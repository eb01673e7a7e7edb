/**
 * Where a newly registered person lives: a new household of their own (they are its head, with
 * its address and grid), or an existing household found by a member's name, with their relation
 * to its head.
 */
import { NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { RELATIONS } from '../../../../../shared/domain/residents';
import { useContractQuery } from '../../../app/api/queries';
import { HouseholdPicker } from '../../households/household-picker';
import { codeOptions, useCodes } from '../codes';
import type { ResidentFormValues } from './form-values';

const MEMBER_RELATIONS = RELATIONS.filter((r) => r !== 'head');

/**
 * Controlled, unlike the form's other fields: the grids arrive after the form opens, and an
 * uncontrolled select would keep showing its first option instead of the stored grid.
 */
export function GridSelect({ form, path, label, testId }: { form: UseFormReturnType<ResidentFormValues>; path: 'gridId' | 'household.gridId'; label: string; testId: string }) {
  const { t } = useTranslation();
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const value = form.useWatchValue(path);
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => form.setFieldValue(path, event.currentTarget.value, { forceUpdate: false })}
      error={form.errors[path]}
      data={[{ value: '', label: t('residents.form.noGrid') }, ...(grids.data ?? []).map((g) => ({ value: g.id, label: `${g.name}（${g.code}）` }))]}
      data-testid={testId}
    />
  );
}

export function HouseholdFields({ form }: { form: UseFormReturnType<ResidentFormValues> }) {
  const { t } = useTranslation();
  const codes = useCodes();
  const mode = form.useWatchValue('household.mode');
  const householdId = form.useWatchValue('household.householdId');
  const householdLabel = form.useWatchValue('household.householdLabel');
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('residents.form.householdMode')}
        data={[
          { value: 'new', label: t('residents.form.householdNew') },
          { value: 'existing', label: t('residents.form.householdExisting') },
        ]}
        data-testid="resident-household-mode"
        key={form.key('household.mode')}
        {...form.getInputProps('household.mode')}
      />
      {mode === 'new' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('residents.fields.address')}
            placeholder={t('residents.form.addressPlaceholder')}
            autoComplete="off"
            data-testid="resident-household-address"
            key={form.key('household.address')}
            {...form.getInputProps('household.address')}
          />
          <GridSelect form={form} path="household.gridId" label={t('residents.fields.grid')} testId="resident-household-grid" />
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <HouseholdPicker
            label={t('residents.form.householdSearch')}
            value={householdId ? { householdId, label: householdLabel } : null}
            onChange={(picked) => {
              form.setFieldValue('household.householdId', picked?.householdId ?? '');
              form.setFieldValue('household.householdLabel', picked?.label ?? '');
            }}
            error={form.errors['household.householdId']}
            testId="resident-household-picker"
          />
          <NativeSelect
            label={t('residents.fields.relation')}
            withAsterisk
            data={codeOptions(MEMBER_RELATIONS, codes.relation, t('residents.form.choose'))}
            data-testid="resident-household-relation"
            key={form.key('household.relation')}
            {...form.getInputProps('household.relation')}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
