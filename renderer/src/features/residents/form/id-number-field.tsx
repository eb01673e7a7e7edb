/**
 * The ID number comes first and does the typing for the clerk: as it is entered it is checked
 * (GB 11643 check digit, real birth date, spreadsheet damage) and the birth date, sex and age are
 * read from it. Problems show on the spot — at once for a spreadsheet-mangled number, when 18
 * characters are in, or on leaving the field — so a half-typed number is not shouted at.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ageOn, checkIdNumber, normalizeIdNumber } from '../../../../../shared/domain/id-number';
import { idIssue } from '../../../../../shared/domain/residents';
import { IssueText } from '../../../app/forms/contract-errors';
import { useFormatters } from '../../../app/i18n/format';
import { useCodes } from '../codes';
import type { ResidentFormValues } from './form-values';

interface Props {
  form: UseFormReturnType<ResidentFormValues>;
  autoFocus?: boolean;
  /** Edit mode before a reveal: the masked number and the stored facts, read-only. */
  masked?: { idNumberMasked: string; birthDate: string; sex: 'male' | 'female'; age: number; legacy: boolean };
  /** DUPLICATE_ID on save: who already holds this number. */
  duplicateOf?: { id: string; name: string } | null;
  action?: ReactNode;
}

export function IdNumberField({ form, autoFocus, masked, duplicateOf, action }: Props) {
  const { t } = useTranslation();
  const codes = useCodes();
  const { formatDate } = useFormatters();
  const [left, setLeft] = useState(false);
  // Only this field re-renders per keystroke; the rest of the (uncontrolled) form stays still.
  const value = form.useWatchValue('idNumber');
  const check = checkIdNumber(value);
  const length = normalizeIdNumber(value).length;
  const issue = idIssue(check);
  const showLive = issue !== null && length > 0 && (left || length >= 18 || issue.code === 'residents.id_excel_mangled');
  const facts = masked
    ? { birthDate: masked.birthDate, sex: masked.sex, age: masked.age, legacy: masked.legacy }
    : check.valid
      ? { birthDate: check.birthDate, sex: check.sex, age: ageOn(check.birthDate), legacy: check.legacy }
      : null;

  const liveError = showLive && issue ? <IssueText issue={issue} /> : undefined;
  const description = masked
    ? t('residents.form.idMaskedHint')
    : check.valid && !check.legacy
      ? t('residents.form.idOk', { division: check.divisionCode })
      : length > 0 && length < 18
        ? t('residents.form.idProgress', { length })
        : t('residents.form.idHint');

  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        {masked ? (
          <TextInput
            style={{ flex: 1 }}
            label={t('residents.fields.idNumber')}
            readOnly
            ff="monospace"
            value={masked.idNumberMasked}
            description={description}
            data-testid="resident-id-number"
          />
        ) : (
          <TextInput
            style={{ flex: 1 }}
            label={t('residents.fields.idNumber')}
            withAsterisk
            autoFocus={autoFocus}
            autoComplete="off"
            spellCheck={false}
            maxLength={24}
            ff="monospace"
            description={description}
            data-testid="resident-id-number"
            key={form.key('idNumber')}
            {...form.getInputProps('idNumber')}
            onBlur={() => setLeft(true)}
            error={form.errors.idNumber ?? liveError}
          />
        )}
        {action}
      </Group>
      {duplicateOf && (
        <Anchor component={Link} to={`/residents/${duplicateOf.id}`} size="sm" data-testid="resident-duplicate-id-link">
          {t('residents.form.openExisting', { name: duplicateOf.name })}
        </Anchor>
      )}
      {facts?.legacy && (left || masked) && (
        <Alert color="orange" variant="light" p="xs" data-testid="resident-id-legacy">
          {t('residents.form.idLegacy')}
        </Alert>
      )}
      <SimpleGrid cols={3} spacing="xs" aria-live="polite">
        <Derived label={t('residents.fields.birthDate')} value={facts ? formatDate(facts.birthDate) : ''} testId="resident-birth-date" />
        <Derived label={t('residents.fields.sex')} value={facts ? codes.sex(facts.sex) : ''} testId="resident-sex" />
        <Derived label={t('residents.fields.age')} value={facts ? t('residents.ageYears', { age: facts.age }) : ''} testId="resident-age" />
      </SimpleGrid>
    </Stack>
  );
}

/** Read from the ID, never typed: shown as text, out of the Enter/Tab order. */
function Derived({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label} · {t('residents.form.derived')}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} mih={22}>
        {value || '—'}
      </Text>
    </div>
  );
}
