/**
 * 养老服务 settings: the module's local values (licence alert days, assessment interval, the service
 * circle's walk, allowance bands …) and its code tables (facility kinds, the ten-assistance services).
 * Administrators edit them; everyone else sees them read-only.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, NumberInput, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { CodeRow, MethodOutput } from '../../../../../shared/contract';
import type { AllowanceBand, EldercareSettings } from '../../../../../shared/domain/eldercare/settings';
import { CODE_PATTERN, type CodeTable } from '../../../../../shared/domain/eldercare/codes';
import { ApiError } from '../../../app/api/client';
import { useApi } from '../../../app/api/api-context';
import { contractKey, useContractQuery } from '../../../app/api/queries';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useCan } from '../../../app/session/session-context';
import type { ContractError } from '../../../../../shared/contract';

type Stored = MethodOutput<'eldercare.settings.get'>;

/** The plain number settings, in the order the form shows them, with their bounds (the contract checks them again). */
const NUMBERS = [
  ['licenceExpiryAlertDays', 1, 365, 0],
  ['assessmentIntervalMonths', 1, 60, 0],
  ['aloneNoContactDays', 1, 365, 0],
  ['circleMinutes', 1, 120, 0],
  ['walkingMetersPerMinute', 20, 150, 1],
  ['detourFactor', 1, 3, 2],
  ['coverageMinDaysPerWeek', 1, 7, 0],
  ['dispatchWithinDays', 0, 60, 0],
  ['completeWithinDays', 0, 60, 0],
  ['seriesHorizonDays', 1, 366, 0],
] as const;
type NumberKey = (typeof NUMBERS)[number][0];

const LEVELS = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;

export function EldercareSettingsPage() {
  const { t } = useTranslation();
  const settings = useContractQuery('eldercare.settings.get', {});
  return (
    <Stack gap="lg" data-testid="eldercare-settings">
      {settings.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {settings.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={settings.error.error} />
        </Alert>
      )}
      {settings.data && <SettingsForm key={settings.data.version ?? 0} stored={settings.data} />}
      <CodeTableSection table="service" />
      <CodeTableSection table="facility_kind" />
    </Stack>
  );
}

function yuan(cents: number): number {
  return cents / 100;
}
function cents(value: number | string): number {
  return Math.round(Number(value) * 100);
}

function SettingsForm({ stored }: { stored: Stored }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const can = useCan();
  const editable = can('office.manage');
  const { version, ...initial } = stored;
  const [values, setValues] = useState<EldercareSettings>(initial);
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const issueAt = (path: string) => error?.issues?.find((i) => i.path.join('.') === path);

  const setNumber = (key: NumberKey, value: number | string) => setValues((v) => ({ ...v, [key]: value === '' ? Number.NaN : Number(value) }));
  const setBand = (index: number, patch: Partial<AllowanceBand>) =>
    setValues((v) => ({ ...v, allowanceBands: v.allowanceBands.map((b, i) => (i === index ? { ...b, ...patch } : b)) }));

  const save = async () => {
    setError(null);
    setSaving(true);
    try {
      const saved = await api.call('eldercare.settings.update', { ...values, version });
      queryClient.setQueryData(contractKey('eldercare.settings.get', {}), saved);
      notifySuccess(t, t('common.saved'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
      if (e.code === 'STALE_VERSION') void queryClient.invalidateQueries({ queryKey: contractKey('eldercare.settings.get') });
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (path: string) => {
    const issue = issueAt(path);
    return issue ? <IssueText issue={issue} parent={error ?? undefined} /> : undefined;
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="eldercare-settings-title">
      <Title order={3} id="eldercare-settings-title">
        {t('eldercare.settings.title')}
      </Title>
      {!editable && <Text size="sm">{t('eldercare.settings.readOnly')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {NUMBERS.map(([key, min, max, decimals]) => (
          <NumberInput
            key={key}
            label={t(`eldercare.settings.fields.${key}`)}
            description={t(`eldercare.settings.hints.${key}`)}
            min={min}
            max={max}
            decimalScale={decimals}
            allowDecimal={decimals > 0}
            allowNegative={false}
            readOnly={!editable}
            value={Number.isNaN(values[key]) ? '' : values[key]}
            onChange={(value) => setNumber(key, value)}
            error={fieldError(key)}
            data-testid={`eldercare-setting-${key}`}
          />
        ))}
      </SimpleGrid>

      <Title order={4}>{t('eldercare.settings.allowance.title')}</Title>
      <Text size="sm">{t('eldercare.settings.allowance.hint')}</Text>
      <Table withTableBorder maw={640} data-testid="eldercare-allowance-bands">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('eldercare.settings.allowance.fromAge')}</Table.Th>
            <Table.Th>{t('eldercare.settings.allowance.toAge')}</Table.Th>
            <Table.Th>{t('eldercare.settings.allowance.monthly')}</Table.Th>
            <Table.Th aria-label={t('common.actions')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {values.allowanceBands.map((band, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                <NumberInput
                  aria-label={t('eldercare.settings.allowance.fromAge')}
                  value={band.fromAge}
                  min={60}
                  max={130}
                  allowDecimal={false}
                  readOnly={!editable}
                  onChange={(v) => setBand(i, { fromAge: Number(v) })}
                  error={fieldError(`allowanceBands.${i}.fromAge`)}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('eldercare.settings.allowance.toAge')}
                  placeholder={t('eldercare.settings.allowance.andOlder')}
                  value={band.toAge ?? ''}
                  min={60}
                  max={150}
                  allowDecimal={false}
                  readOnly={!editable}
                  onChange={(v) => setBand(i, { toAge: v === '' ? null : Number(v) })}
                  error={fieldError(`allowanceBands.${i}.toAge`)}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('eldercare.settings.allowance.monthly')}
                  value={yuan(band.monthlyCents)}
                  min={0}
                  decimalScale={2}
                  thousandSeparator=","
                  prefix="¥"
                  readOnly={!editable}
                  onChange={(v) => setBand(i, { monthlyCents: cents(v) })}
                  error={fieldError(`allowanceBands.${i}.monthlyCents`)}
                />
              </Table.Td>
              <Table.Td>
                {editable && (
                  <Button variant="subtle" color="red" size="xs" onClick={() => setValues((v) => ({ ...v, allowanceBands: v.allowanceBands.filter((_, j) => j !== i) }))}>
                    {t('eldercare.settings.allowance.remove')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable && values.allowanceBands.length < 10 && (
        <Group>
          <Button
            variant="light"
            size="xs"
            data-testid="eldercare-allowance-add"
            onClick={() => setValues((v) => ({ ...v, allowanceBands: [...v.allowanceBands, { fromAge: 80, toAge: null, monthlyCents: 0 }] }))}
          >
            {t('eldercare.settings.allowance.add')}
          </Button>
        </Group>
      )}

      <Title order={4}>{t('eldercare.settings.subsidy.title')}</Title>
      <Switch
        label={t('eldercare.settings.subsidy.enabled')}
        checked={values.homeCareSubsidy.enabled}
        disabled={!editable}
        onChange={(e) => {
          const enabled = e.currentTarget.checked;
          setValues((v) => ({ ...v, homeCareSubsidy: { ...v.homeCareSubsidy, enabled } }));
        }}
        data-testid="eldercare-subsidy-enabled"
      />
      {values.homeCareSubsidy.enabled && (
        <Group align="flex-start">
          <NumberInput
            label={t('eldercare.settings.subsidy.minAge')}
            value={values.homeCareSubsidy.minAge}
            min={60}
            max={130}
            allowDecimal={false}
            readOnly={!editable}
            onChange={(v) => setValues((s) => ({ ...s, homeCareSubsidy: { ...s.homeCareSubsidy, minAge: Number(v) } }))}
            error={fieldError('homeCareSubsidy.minAge')}
          />
          <NumberInput
            label={t('eldercare.settings.subsidy.monthly')}
            value={yuan(values.homeCareSubsidy.monthlyCents)}
            min={0}
            decimalScale={2}
            prefix="¥"
            readOnly={!editable}
            onChange={(v) => setValues((s) => ({ ...s, homeCareSubsidy: { ...s.homeCareSubsidy, monthlyCents: cents(v) } }))}
            error={fieldError('homeCareSubsidy.monthlyCents')}
          />
          <Checkbox.Group
            label={t('eldercare.settings.subsidy.levels')}
            value={[...values.homeCareSubsidy.levels]}
            onChange={(levels) => setValues((s) => ({ ...s, homeCareSubsidy: { ...s.homeCareSubsidy, levels: levels as EldercareSettings['homeCareSubsidy']['levels'] } }))}
          >
            <Group mt="xs">
              {LEVELS.map((level) => (
                <Checkbox key={level} value={level} label={t(`eldercare.levels.${level}`)} disabled={!editable} />
              ))}
            </Group>
          </Checkbox.Group>
        </Group>
      )}

      {error && !error.issues?.length && (
        <Alert color="red" role="alert" data-testid="eldercare-settings-error">
          <ErrorText error={error} />
        </Alert>
      )}
      {error?.issues?.length ? (
        <Alert color="red" role="alert" data-testid="eldercare-settings-error">
          {t('eldercare.settings.fixFields')}
        </Alert>
      ) : null}
      {editable && (
        <Group>
          <Button onClick={() => void save()} loading={saving} data-testid="eldercare-settings-save">
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function CodeTableSection({ table }: { table: CodeTable }) {
  const { t } = useTranslation();
  const can = useCan();
  const editable = can('office.manage');
  const codes = useContractQuery('eldercare.codes.list', { table });
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="xs" component="section" aria-labelledby={`eldercare-codes-${table}`} data-testid={`eldercare-codes-${table}`}>
      <Title order={3} id={`eldercare-codes-${table}`}>
        {t(`eldercare.settings.codes.${table}`)}
      </Title>
      <Text size="sm">{t('eldercare.settings.codes.hint')}</Text>
      {codes.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={codes.error.error} />
        </Alert>
      )}
      <Table withTableBorder striped maw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('eldercare.settings.codes.code')}</Table.Th>
            <Table.Th>{t('eldercare.settings.codes.zh')}</Table.Th>
            <Table.Th>{t('eldercare.settings.codes.en')}</Table.Th>
            <Table.Th>{t('eldercare.settings.codes.active')}</Table.Th>
            {editable && <Table.Th aria-label={t('common.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(codes.data ?? []).map((row) => (
            <CodeRowEditor key={`${row.code}:${row.zh}:${row.en}:${row.active}`} row={row} editable={editable} />
          ))}
          {adding && <CodeRowEditor row={{ table, code: '', zh: '', en: '', active: true, builtIn: false, sort: 1000 }} editable isNew onDone={() => setAdding(false)} />}
        </Table.Tbody>
      </Table>
      {editable && !adding && (
        <Group>
          <Button variant="light" size="xs" onClick={() => setAdding(true)} data-testid={`eldercare-codes-${table}-add`}>
            {t('eldercare.settings.codes.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function CodeRowEditor({ row, editable, isNew = false, onDone }: { row: CodeRow; editable: boolean; isNew?: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [draft, setDraft] = useState(row);
  const [error, setError] = useState<ContractError | null>(null);
  const dirty = draft.zh !== row.zh || draft.en !== row.en || draft.active !== row.active || draft.code !== row.code;
  const codeIssue = isNew && draft.code !== '' && !CODE_PATTERN.test(draft.code) ? { code: 'eldercare.code' as const } : error?.issues?.find((i) => i.path[0] === 'code');
  const save = async () => {
    setError(null);
    try {
      await api.call('eldercare.codes.save', { table: row.table, code: draft.code, zh: draft.zh, en: draft.en, active: draft.active });
      onDone?.();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    }
  };
  const issueFor = (field: string) => {
    const issue = error?.issues?.find((i) => i.path[0] === field);
    return issue ? <IssueText issue={issue} parent={error ?? undefined} /> : undefined;
  };
  return (
    <Table.Tr data-testid={`eldercare-code-${row.table}-${row.code || 'new'}`}>
      <Table.Td>
        {isNew ? (
          <TextInput
            aria-label={t('eldercare.settings.codes.code')}
            value={draft.code}
            onChange={(e) => {
              const code = e.currentTarget.value.trim();
              setDraft((d) => ({ ...d, code }));
            }}
            error={codeIssue ? <IssueText issue={codeIssue} /> : undefined}
          />
        ) : (
          <Text ff="monospace" size="sm">
            {row.code}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <TextInput aria-label={t('eldercare.settings.codes.zh')} value={draft.zh} readOnly={!editable} onChange={(e) => setDraft({ ...draft, zh: e.currentTarget.value })} error={issueFor('zh')} />
      </Table.Td>
      <Table.Td>
        <TextInput aria-label={t('eldercare.settings.codes.en')} value={draft.en} readOnly={!editable} onChange={(e) => setDraft({ ...draft, en: e.currentTarget.value })} error={issueFor('en')} />
      </Table.Td>
      <Table.Td>
        <Checkbox aria-label={t('eldercare.settings.codes.active')} checked={draft.active} disabled={!editable} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
      </Table.Td>
      {editable && (
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" disabled={!dirty && !isNew} onClick={() => void save()}>
              {t('common.save')}
            </Button>
            {isNew && (
              <Button size="xs" variant="subtle" onClick={onDone}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
          {error && !error.issues?.length && (
            <Text size="xs" c="red" role="alert">
              <ErrorText error={error} />
            </Text>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
