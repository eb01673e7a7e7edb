/**
 * The rest of a resident: ethnicity, marital status, hukou, employment, health, the vulnerable-group
 * flags, the disability certificate (category and grade are read from it) and the low-income
 * category. Native selects on purpose: arrow keys and typed letters pick an option, and Enter
 * moves on, so the clerk's hands stay on the keyboard.
 */
import type { KeyboardEvent } from 'react';
import { Autocomplete, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  EMPLOYMENT_STATUSES,
  HEALTH_STATUSES,
  HUKOU_TYPES,
  LOW_INCOME_CATEGORIES,
  MARITAL_STATUSES,
} from '../../../../../shared/domain/residents';
import { codeOptions, useCodes } from '../codes';
import type { ResidentFormValues } from './form-values';

/**
 * Suggestions only — the field takes any text. These are stored values (what the household
 * register says), not interface text, so they are the same in every UI language. Ningxia's most
 * common ethnic groups come first.
 */
const ETHNICITIES = ['汉族', '回族', '满族', '蒙古族', '东乡族', '土族', '藏族', '维吾尔族', '壮族', '苗族', '彝族', '土家族', '朝鲜族', '撒拉族', '保安族'];

const FLAGS = ['livingAlone', 'emptyNest', 'leftBehind', 'seriousIllness'] as const;

interface Props {
  form: UseFormReturnType<ResidentFormValues>;
  /** Edit mode before a reveal: the stored certificate is masked and cannot be changed yet. */
  certMasked?: string | null;
  onNotesEnter: () => void;
}

export function OtherFields({ form, certMasked, onNotesEnter }: Props) {
  const { t } = useTranslation();
  const codes = useCodes();
  const none = t('residents.form.notGiven');
  const cert = form.useWatchValue('disabilityCert').normalize('NFKC').replace(/\s+/g, '');
  const parsed = /^\d{17}[\dXx]([1-7])([1-4])$/.exec(cert);

  // Notes are the last field: Enter saves (as on every last field), Shift+Enter starts a new line.
  const notesKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    onNotesEnter();
  };

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Autocomplete
          label={t('residents.fields.ethnicity')}
          data={ETHNICITIES}
          autoComplete="off"
          data-testid="resident-ethnicity"
          key={form.key('ethnicity')}
          {...form.getInputProps('ethnicity')}
        />
        <NativeSelect
          label={t('residents.fields.maritalStatus')}
          data={codeOptions(MARITAL_STATUSES, codes.maritalStatus, none)}
          data-testid="resident-marital-status"
          key={form.key('maritalStatus')}
          {...form.getInputProps('maritalStatus')}
        />
        <NativeSelect
          label={t('residents.fields.hukouType')}
          data={codeOptions(HUKOU_TYPES, codes.hukouType, none)}
          data-testid="resident-hukou-type"
          key={form.key('hukouType')}
          {...form.getInputProps('hukouType')}
        />
        <NativeSelect
          label={t('residents.fields.employment')}
          data={codeOptions(EMPLOYMENT_STATUSES, codes.employment, none)}
          data-testid="resident-employment"
          key={form.key('employment')}
          {...form.getInputProps('employment')}
        />
        <NativeSelect
          label={t('residents.fields.healthStatus')}
          data={codeOptions(HEALTH_STATUSES, codes.healthStatus, none)}
          data-testid="resident-health-status"
          key={form.key('healthStatus')}
          {...form.getInputProps('healthStatus')}
        />
        <NativeSelect
          label={t('residents.fields.lowIncomeCategory')}
          data={codeOptions(LOW_INCOME_CATEGORIES, codes.lowIncome, none)}
          data-testid="resident-low-income"
          key={form.key('lowIncomeCategory')}
          {...form.getInputProps('lowIncomeCategory')}
        />
      </SimpleGrid>

      <div>
        <Text size="sm" fw={500} mb={6}>
          {t('residents.form.vulnerable')}
        </Text>
        <Group gap="lg">
          {FLAGS.map((flag) => (
            <Checkbox key={form.key(flag)} label={t(`residents.fields.${flag}`)} data-testid={`resident-${flag}`} {...form.getInputProps(flag, { type: 'checkbox' })} />
          ))}
        </Group>
      </div>

      <TextInput
        label={t('residents.fields.disabilityCert')}
        description={
          parsed
            ? t('residents.form.certParsed', { category: codes.disabilityCategory(Number(parsed[1])), grade: codes.disabilityGrade(Number(parsed[2])) })
            : certMasked
              ? t('residents.form.certMasked', { cert: certMasked })
              : t('residents.form.certHint')
        }
        readOnly={Boolean(certMasked)}
        maxLength={24}
        ff="monospace"
        autoComplete="off"
        spellCheck={false}
        data-testid="resident-disability-cert"
        key={certMasked ? 'masked' : form.key('disabilityCert')}
        {...(certMasked ? { value: certMasked } : form.getInputProps('disabilityCert'))}
      />

      <Textarea
        label={t('residents.fields.notes')}
        description={t('residents.form.notesHint')}
        rows={3}
        resize="vertical"
        data-testid="resident-notes"
        key={form.key('notes')}
        {...form.getInputProps('notes')}
        onKeyDown={notesKeyDown}
      />
    </Stack>
  );
}
