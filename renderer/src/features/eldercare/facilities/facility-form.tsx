/**
 * 设施登记 / 修改: one facility's own fields — kind and services from the office's code tables, each
 * service with the weekdays it runs, places by kind and staff by role as small lists, opening hours,
 * pilot status and its position with the coordinate system it was copied in. The contract's schema
 * checks the values here first (the same codes the core would send back); the core's refusals land
 * next to the field they name. Closing a facility is not an edit: the page's status dialog does it.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { contract, toContractIssues, type ContractError, type ContractIssue, type FacilityDetail, type FacilitySave } from '../../../../../shared/contract';
import { OPERATORS, PILOT_STATUSES, WEEKDAYS, type Operator, type PilotStatus } from '../../../../../shared/domain/eldercare/codes';
import { PLACE_KINDS, STAFF_ROLES } from '../../../../../shared/domain/eldercare/facilities';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { contractKey, useContractQuery } from '../../../app/api/queries';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useCodeTable, useCountLabels, useWeekdays } from './labels';
import { EMPTY_POSITION, PositionInput, positionFields, readPosition, type PositionFields } from './position-input';

interface CountRow {
  code: string;
  count: number | '';
}

interface FormValues {
  code: string;
  name: string;
  kind: string;
  operator: Operator;
  operatorName: string;
  address: string;
  gridId: string;
  compoundId: string;
  phone: string;
  beds: number | '';
  places: CountRow[];
  staff: CountRow[];
  /** Offered services → their weekdays, in the code table's order when sent. */
  services: Record<string, number[]>;
  openingHours: string;
  pilot: PilotStatus;
  openedOn: string;
  notes: string;
  position: PositionFields;
}

function initialValues(facility: FacilityDetail | undefined): FormValues {
  const rows = (counts: Record<string, number> | undefined) => Object.entries(counts ?? {}).map(([code, count]) => ({ code, count }));
  return {
    code: facility?.code ?? '',
    name: facility?.name ?? '',
    kind: facility?.kind ?? '',
    operator: facility?.operator ?? 'public',
    operatorName: facility?.operatorName ?? '',
    address: facility?.address ?? '',
    gridId: facility?.gridId ?? '',
    compoundId: facility?.compoundId ?? '',
    phone: facility?.phone ?? '',
    beds: facility?.beds ?? 0,
    places: rows(facility?.places),
    staff: rows(facility?.staff),
    services: Object.fromEntries((facility?.services ?? []).map((s) => [s.code, [...s.days]])),
    openingHours: facility?.openingHours ?? '',
    pilot: facility?.pilot ?? 'none',
    openedOn: facility?.openedOn ?? '',
    notes: facility?.notes ?? '',
    position: facility ? positionFields(facility.position) : EMPTY_POSITION,
  };
}

const EVERY_DAY = [...WEEKDAYS];

export function FacilityForm({ facility, onSaved, onCancel }: { facility?: FacilityDetail; onSaved: (saved: FacilityDetail) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const kinds = useCodeTable('facility_kind');
  const services = useCodeTable('service');
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const compounds = useContractQuery('eldercare.compounds.list', {}, { staleTime: 30_000 });
  const { day } = useWeekdays();
  const countLabels = useCountLabels();
  const [values, setValues] = useState<FormValues>(() => initialValues(facility));
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<FormValues>) => setValues((v) => ({ ...v, ...patch }));

  // Services in the code table's order, then any the facility has that the table no longer lists.
  const serviceOrder = [...services.rows.map((r) => r.code), ...Object.keys(values.services).filter((c) => !services.rows.some((r) => r.code === c))];
  const offered = serviceOrder.filter((code) => code in values.services);

  const build = (): FacilitySave => {
    const counts = (rows: CountRow[]) => Object.fromEntries(rows.filter((r) => r.code !== '').map((r) => [r.code, r.count === '' ? Number.NaN : r.count]));
    const text = (s: string) => (s.trim() === '' ? undefined : s);
    return {
      ...(facility ? { id: facility.id, version: facility.version, status: facility.status } : { status: 'active' }),
      code: text(values.code),
      name: values.name,
      kind: values.kind,
      operator: values.operator,
      operatorName: text(values.operatorName),
      address: text(values.address),
      gridId: values.gridId || null,
      compoundId: values.compoundId || null,
      phone: text(values.phone),
      beds: values.beds === '' ? Number.NaN : values.beds,
      places: counts(values.places),
      staff: counts(values.staff),
      services: offered.map((code) => ({ code, days: [...values.services[code]].sort((a, b) => a - b) })),
      openingHours: text(values.openingHours),
      pilot: values.pilot,
      openedOn: values.openedOn || null,
      notes: text(values.notes),
      position: null,
    };
  };

  const save = async () => {
    setError(null);
    const { position, problems } = readPosition(values.position, ['position']);
    const input: FacilitySave = { ...build(), position };
    const parsed = contract['eldercare.facilities.save'].input.safeParse(input);
    const issues: ContractIssue[] = [...problems.map((p) => ({ ...p, message: '' })), ...(parsed.success ? [] : toContractIssues(parsed.error))];
    if (issues.length) {
      setError({ code: 'INVALID_INPUT', message: '', issues });
      return;
    }
    setSaving(true);
    try {
      const saved = await api.call('eldercare.facilities.save', input);
      queryClient.setQueryData(contractKey('eldercare.facilities.get', { id: saved.id }), saved);
      notifySuccess(t, t('eldercare.facilitiesUi.form.saved', { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };

  const issueAt = (path: string): ContractIssue | undefined => error?.issues?.find((i) => i.path.join('.') === path);
  const fieldError = (...paths: string[]): ReactNode => {
    const issue = paths.map(issueAt).find(Boolean);
    return issue ? <IssueText issue={issue} parent={error ?? undefined} /> : undefined;
  };
  /** Issues no field on the form shows: listed under it. */
  const placed = (issue: ContractIssue) => {
    const path = issue.path.join('.');
    if (/^(places|staff)\./.test(path)) return true;
    if (/^services\.\d+/.test(path)) return true;
    return FIELD_PATHS.has(path);
  };
  const unplaced = error?.issues?.filter((i) => !placed(i)) ?? [];

  const serviceError = (code: string) => {
    const index = offered.indexOf(code);
    return index < 0 ? undefined : fieldError(`services.${index}.days`, `services.${index}.code`, `services.${index}`);
  };

  return (
    <EnterForm
      onSubmit={(e) => {
        e?.preventDefault();
        void save();
      }}
      aria-label={t(facility ? 'eldercare.facilitiesUi.form.editTitle' : 'eldercare.facilitiesUi.form.newTitle')}
      data-testid="facility-form"
    >
      <Stack gap="md">
        <Title order={3}>{facility ? t('eldercare.facilitiesUi.form.editTitle') : t('eldercare.facilitiesUi.form.newTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput label={t('eldercare.facilitiesUi.fields.name')} required value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError('name')} data-testid="facility-name" />
          <TextInput label={t('eldercare.facilitiesUi.fields.code')} value={values.code} onChange={(e) => set({ code: e.currentTarget.value })} error={fieldError('code')} data-testid="facility-code" />
          <NativeSelect
            label={t('eldercare.facilitiesUi.fields.kind')}
            required
            value={values.kind}
            data={[{ value: '', label: t('eldercare.facilitiesUi.choose') }, ...kinds.rows.filter((r) => r.active || r.code === values.kind).map((r) => ({ value: r.code, label: kinds.label(r.code) }))]}
            onChange={(e) => set({ kind: e.currentTarget.value })}
            error={fieldError('kind')}
            data-testid="facility-kind"
          />
          <NativeSelect
            label={t('eldercare.facilitiesUi.fields.operator')}
            value={values.operator}
            data={OPERATORS.map((o) => ({ value: o, label: t(`eldercare.facilities.operators.${o}`) }))}
            onChange={(e) => set({ operator: e.currentTarget.value as Operator })}
            error={fieldError('operator')}
            data-testid="facility-operator"
          />
          <TextInput label={t('eldercare.facilitiesUi.fields.operatorName')} value={values.operatorName} onChange={(e) => set({ operatorName: e.currentTarget.value })} error={fieldError('operatorName')} data-testid="facility-operator-name" />
          <NativeSelect
            label={t('eldercare.facilitiesUi.fields.pilot')}
            value={values.pilot}
            data={PILOT_STATUSES.map((p) => ({ value: p, label: t(`eldercare.facilities.pilots.${p}`) }))}
            onChange={(e) => set({ pilot: e.currentTarget.value as PilotStatus })}
            error={fieldError('pilot')}
            data-testid="facility-pilot"
          />
          <TextInput label={t('eldercare.facilitiesUi.fields.address')} value={values.address} onChange={(e) => set({ address: e.currentTarget.value })} error={fieldError('address')} data-testid="facility-address" />
          <NativeSelect
            label={t('eldercare.facilitiesUi.fields.grid')}
            value={values.gridId}
            data={[{ value: '', label: t('eldercare.facilitiesUi.none') }, ...(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
            onChange={(e) => set({ gridId: e.currentTarget.value })}
            error={fieldError('gridId')}
            data-testid="facility-grid"
          />
          <NativeSelect
            label={t('eldercare.facilitiesUi.fields.compound')}
            value={values.compoundId}
            data={[{ value: '', label: t('eldercare.facilitiesUi.none') }, ...(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
            onChange={(e) => set({ compoundId: e.currentTarget.value })}
            error={fieldError('compoundId')}
            data-testid="facility-compound"
          />
          <TextInput label={t('eldercare.facilitiesUi.fields.phone')} value={values.phone} onChange={(e) => set({ phone: e.currentTarget.value })} error={fieldError('phone')} data-testid="facility-phone" />
          <TextInput
            label={t('eldercare.facilitiesUi.fields.openingHours')}
            placeholder={t('eldercare.facilitiesUi.form.openingHoursHint')}
            value={values.openingHours}
            onChange={(e) => set({ openingHours: e.currentTarget.value })}
            error={fieldError('openingHours')}
            data-testid="facility-opening-hours"
          />
          <TextInput type="date" label={t('eldercare.facilitiesUi.fields.openedOn')} value={values.openedOn} onChange={(e) => set({ openedOn: e.currentTarget.value })} error={fieldError('openedOn')} data-testid="facility-opened-on" />
        </SimpleGrid>

        <PositionInput
          value={values.position}
          onChange={(position) => set({ position })}
          errors={{ lng: fieldError('position.lng', 'position'), lat: fieldError('position.lat'), crs: fieldError('position.crs') }}
          testId="facility-position"
        />

        <Paper withBorder p="sm" component="fieldset" aria-describedby="facility-services-hint">
          <Title order={4} size="h5" component="legend">
            {t('eldercare.facilitiesUi.fields.services')}
          </Title>
          <Text size="xs" c="dimmed" id="facility-services-hint" mb="xs">
            {t('eldercare.facilitiesUi.form.servicesHint')}
          </Text>
          <Stack gap={6} data-testid="facility-services">
            {serviceOrder
              .filter((code) => code in values.services || services.rows.find((r) => r.code === code)?.active)
              .map((code) => {
                const days = values.services[code];
                const on = days !== undefined;
                return (
                  <Stack key={code} gap={2} data-testid={`facility-service-${code}`}>
                    <Group gap="md" wrap="wrap">
                      <Checkbox
                        w={180}
                        label={services.label(code)}
                        checked={on}
                        onChange={(e) => {
                          const checked = e.currentTarget.checked;
                          setValues((v) => {
                            const next = { ...v.services };
                            if (checked) next[code] = [...EVERY_DAY];
                            else delete next[code];
                            return { ...v, services: next };
                          });
                        }}
                      />
                      {on && (
                        <Checkbox.Group
                          aria-label={t('eldercare.facilitiesUi.form.daysOf', { service: services.label(code) })}
                          value={days.map(String)}
                          onChange={(chosen) => setValues((v) => ({ ...v, services: { ...v.services, [code]: chosen.map(Number) } }))}
                        >
                          <Group gap="xs">
                            {WEEKDAYS.map((d) => (
                              <Checkbox key={d} value={String(d)} label={day(d)} size="xs" />
                            ))}
                          </Group>
                        </Checkbox.Group>
                      )}
                    </Group>
                    {serviceError(code) && (
                      <Text size="xs" c="red" role="alert">
                        {serviceError(code)}
                      </Text>
                    )}
                  </Stack>
                );
              })}
          </Stack>
        </Paper>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="xs">
            <NumberInput
              label={t('eldercare.facilitiesUi.fields.beds')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              value={values.beds}
              onChange={(v) => set({ beds: v === '' ? '' : Number(v) })}
              error={fieldError('beds')}
              data-testid="facility-beds"
              maw={200}
            />
            <CountList
              title={t('eldercare.facilitiesUi.fields.places')}
              rows={values.places}
              known={PLACE_KINDS}
              labelOf={countLabels.place}
              onChange={(places) => set({ places })}
              errorOf={(code) => fieldError(`places.${code}`)}
              testId="facility-places"
            />
          </Stack>
          <CountList
            title={t('eldercare.facilitiesUi.fields.staff')}
            rows={values.staff}
            known={STAFF_ROLES}
            labelOf={countLabels.staff}
            onChange={(staff) => set({ staff })}
            errorOf={(code) => fieldError(`staff.${code}`)}
            testId="facility-staff"
          />
        </SimpleGrid>

        <Textarea label={t('eldercare.facilitiesUi.fields.notes')} rows={2} value={values.notes} onChange={(e) => set({ notes: e.currentTarget.value })} error={fieldError('notes')} data-testid="facility-notes" />

        {error && (unplaced.length > 0 || !error.issues?.length) && (
          <Alert color="red" role="alert" data-testid="facility-form-error">
            {error.issues?.length ? (
              <Stack gap={2}>
                {unplaced.map((issue, i) => (
                  <Text key={i} size="sm">
                    <IssueText issue={issue} parent={error} />
                  </Text>
                ))}
              </Stack>
            ) : (
              <ErrorText error={error} />
            )}
          </Alert>
        )}
        {error?.issues?.length && unplaced.length === 0 ? (
          <Text size="sm" c="red" role="alert" data-testid="facility-form-fix">
            {t('eldercare.facilitiesUi.form.fixFields')}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={saving} data-testid="facility-save">
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel} data-testid="facility-cancel">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}

const FIELD_PATHS: ReadonlySet<string> = new Set([
  'name',
  'code',
  'kind',
  'operator',
  'operatorName',
  'pilot',
  'address',
  'gridId',
  'compoundId',
  'phone',
  'openingHours',
  'openedOn',
  'position',
  'position.lng',
  'position.lat',
  'position.crs',
  'beds',
  'notes',
]);

/** Places by kind / staff by role: rows of a code and a count, added and removed. */
function CountList({
  title,
  rows,
  known,
  labelOf,
  onChange,
  errorOf,
  testId,
}: {
  title: string;
  rows: CountRow[];
  known: readonly string[];
  labelOf: (code: string) => string;
  onChange: (rows: CountRow[]) => void;
  errorOf: (code: string) => ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const used = new Set(rows.map((r) => r.code));
  const free = known.filter((code) => !used.has(code));
  const update = (index: number, patch: Partial<CountRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      {rows.length > 0 && (
        <Table verticalSpacing={4} maw={420}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eldercare.facilitiesUi.form.countKind')}</Table.Th>
              <Table.Th w={110}>{t('eldercare.facilitiesUi.form.count')}</Table.Th>
              <Table.Th w={60} aria-label={t('common.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={t('eldercare.facilitiesUi.form.countKind')}
                    value={row.code}
                    data={[row.code, ...free].map((code) => ({ value: code, label: labelOf(code) }))}
                    onChange={(e) => update(i, { code: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    aria-label={t('eldercare.facilitiesUi.form.countOf', { kind: labelOf(row.code) })}
                    min={0}
                    allowDecimal={false}
                    allowNegative={false}
                    value={row.count}
                    onChange={(v) => update(i, { count: v === '' ? '' : Number(v) })}
                    error={errorOf(row.code)}
                  />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('eldercare.facilitiesUi.form.removeRow', { kind: labelOf(row.code) })}>
                    {t('eldercare.facilitiesUi.form.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {free.length > 0 && (
        <Group>
          <Button size="xs" variant="light" onClick={() => onChange([...rows, { code: free[0], count: 0 }])} data-testid={`${testId}-add`}>
            {t('eldercare.facilitiesUi.form.addRow')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
