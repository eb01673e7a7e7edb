/**
 * 基本信息: every field of the record with its code label. The ID number (and the certificate,
 * which contains it) is masked; roles with `records.revealId` can show the full number, which the
 * core records as a reveal (who, whose, when). It stays shown until the clerk leaves the page.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../../../shared/contract/residents';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useFormatters } from '../../../app/i18n/format';
import { useCan } from '../../../app/session/session-context';
import type { ContractError } from '../../../../../shared/contract';
import { STATUS_COLORS, useCodes } from '../codes';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} component="div" style={{ wordBreak: 'break-all' }}>
        {children === '' || children === null || children === undefined ? '—' : children}
      </Text>
    </div>
  );
}

export function ProfileCard({ resident }: { resident: Resident }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const codes = useCodes();
  const { formatDate, formatDateTime } = useFormatters();
  const [revealed, setRevealed] = useState<{ idNumber: string; disabilityCert: string | null } | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [revealing, setRevealing] = useState(false);

  const reveal = async () => {
    setRevealing(true);
    setError(null);
    try {
      setRevealed(await api.call('residents.revealId', { id: resident.id, purpose: 'view' }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setRevealing(false);
    }
  };

  const r = resident;
  const yesNo = (v: boolean) => (v ? t('residents.yes') : t('residents.no'));
  return (
    <Paper withBorder p="md" component="section" aria-label={t('residents.page.profile')} data-testid="resident-profile">
      <Title order={3} size="h5" mb="sm">
        {t('residents.page.profile')}
      </Title>
      <Stack gap="md">
        <Group gap="sm" align="flex-end">
          <Field label={revealed ? t('residents.page.idRevealed') : t('residents.fields.idNumber')}>
            <Group gap={6}>
              <Text ff="monospace" fw={600} data-testid="resident-id-display">
                {revealed ? revealed.idNumber : r.idNumberMasked}
              </Text>
              {r.idLegacy && (
                <Badge size="sm" color="orange" variant="light" data-testid="resident-legacy-badge">
                  {t('residents.legacyBadge')}
                </Badge>
              )}
            </Group>
          </Field>
          {!revealed && can('records.revealId') && (
            <Button size="xs" variant="default" onClick={() => void reveal()} loading={revealing} data-testid="resident-reveal-id">
              {t('residents.page.revealId')}
            </Button>
          )}
        </Group>
        {revealed && (
          <Text size="xs" c="dimmed" data-testid="resident-reveal-note">
            {t('residents.page.revealRecorded')}
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            <ErrorText error={error} />
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" verticalSpacing="sm">
          <Field label={t('residents.fields.birthDate')} testId="resident-profile-birth-date">
            {formatDate(r.birthDate)}
          </Field>
          <Field label={t('residents.fields.sex')}>{codes.sex(r.sex)}</Field>
          <Field label={t('residents.fields.age')}>{t('residents.ageYears', { age: r.age })}</Field>
          <Field label={t('residents.fields.division')}>{r.divisionCode}</Field>
          <Field label={t('residents.fields.phone')}>{r.phone}</Field>
          <Field label={t('residents.fields.phone2')}>{r.phone2}</Field>
          <Field label={t('residents.fields.address')}>{r.address}</Field>
          <Field label={t('residents.fields.grid')}>{r.gridName}</Field>
          <Field label={t('residents.fields.relation')}>{r.relation ? codes.relation(r.relation) : ''}</Field>
          <Field label={t('residents.fields.ethnicity')}>{r.ethnicity}</Field>
          <Field label={t('residents.fields.maritalStatus')}>{r.maritalStatus ? codes.maritalStatus(r.maritalStatus) : ''}</Field>
          <Field label={t('residents.fields.hukouType')}>{r.hukouType ? codes.hukouType(r.hukouType) : ''}</Field>
          <Field label={t('residents.fields.employment')}>{r.employment ? codes.employment(r.employment) : ''}</Field>
          <Field label={t('residents.fields.healthStatus')}>{r.healthStatus ? codes.healthStatus(r.healthStatus) : ''}</Field>
          <Field label={t('residents.fields.lowIncomeCategory')}>{r.lowIncomeCategory ? codes.lowIncome(r.lowIncomeCategory) : ''}</Field>
          <Field label={t('residents.fields.livingAlone')}>{yesNo(r.livingAlone)}</Field>
          <Field label={t('residents.fields.emptyNest')}>{yesNo(r.emptyNest)}</Field>
          <Field label={t('residents.fields.leftBehind')}>{yesNo(r.leftBehind)}</Field>
          <Field label={t('residents.fields.seriousIllness')}>{yesNo(r.seriousIllness)}</Field>
          <Field label={t('residents.fields.disabilityCert')} testId="resident-profile-cert">
            {revealed?.disabilityCert ?? r.disabilityCertMasked}
          </Field>
          <Field label={t('residents.fields.disability')}>
            {r.disabilityCategory !== null ? t('residents.page.disability', { category: codes.disabilityCategory(r.disabilityCategory), grade: codes.disabilityGrade(r.disabilityGrade) }) : ''}
          </Field>
          <Field label={t('residents.fields.status')}>
            <Badge color={STATUS_COLORS[r.status]} variant="light" data-testid="resident-profile-status">
              {codes.status(r.status)}
            </Badge>
            {r.statusDate && ` ${formatDate(r.statusDate)}`}
          </Field>
          <Field label={t('residents.fields.registeredAt')}>{formatDateTime(r.createdAt)}</Field>
          <Field label={t('residents.fields.updatedAt')}>{formatDateTime(r.updatedAt)}</Field>
        </SimpleGrid>
        <Field label={t('residents.fields.notes')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</span>
        </Field>
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            {t('residents.page.tags')}
          </Text>
          <Group gap={6} data-testid="resident-tags">
            {r.tags.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('residents.page.noTags')}
              </Text>
            )}
            {r.tags.map((tag) => (
              <Badge key={tag} variant="light">
                {codes.tag(tag)}
              </Badge>
            ))}
          </Group>
        </div>
      </Stack>
    </Paper>
  );
}
