/**
 * 周期服务: recurring orders (meal aid every weekday, a bath every second week). A series generates
 * its occurrences as dispatched orders, which then live on the board like any other; ending a series
 * cancels what was not yet delivered after its last day.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, NativeSelect, NumberInput, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import type { ServiceSeries } from '../../../../../shared/contract';
import { WEEKDAYS, type Weekday } from '../../../../../shared/domain/eldercare/codes';
import { useApi } from '../../../app/api/api-context';
import { useContractQuery } from '../../../app/api/queries';
import { notifySuccess } from '../../../app/components/notify';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { useCallState } from './call-state';
import { todayIso, useServiceLabels, yuanToCents } from './format';
import { MoneyInput } from './order-actions';
import { ResidentPicker, type PickedResident } from './resident-picker';

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** An RRULE body in words ("每周一至周五", "每2周周二"); the rule itself when it says more than that. */
export function describeRule(rrule: string, t: TFunction): string {
  const parts = new Map(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const freq = parts.get('FREQ');
  const days = (parts.get('BYDAY') ?? '')
    .split(',')
    .filter(Boolean)
    .map((d) => (DAY_CODES.indexOf(d as (typeof DAY_CODES)[number]) + 1) as Weekday | 0);
  const known = [...parts.keys()].every((k) => ['FREQ', 'INTERVAL', 'BYDAY', 'WKST'].includes(k)) && days.every((d) => d > 0);
  if (!known) return rrule;
  const dayText = days.map((d) => (d === 0 ? '' : t(`eldercare.careUi.series.weekday.d${d}`))).join(t('eldercare.careUi.series.daySeparator'));
  if (freq === 'WEEKLY') {
    if (interval === 1 && days.join() === '1,2,3,4,5') return t('eldercare.careUi.series.ruleText.weekdays');
    if (days.length === 0) return rrule;
    return interval === 1 ? t('eldercare.careUi.series.ruleText.weekly', { days: dayText }) : t('eldercare.careUi.series.ruleText.everyNWeeks', { n: interval, days: dayText });
  }
  if (freq === 'DAILY' && days.length === 0) return interval === 1 ? t('eldercare.careUi.series.ruleText.daily') : t('eldercare.careUi.series.ruleText.everyNDays', { n: interval });
  if (freq === 'MONTHLY' && days.length === 0 && !parts.has('BYMONTHDAY')) return interval === 1 ? t('eldercare.careUi.series.ruleText.monthly') : t('eldercare.careUi.series.ruleText.everyNMonths', { n: interval });
  return rrule;
}

export function SeriesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const services = useServiceLabels();
  const series = useContractQuery('eldercare.series.list', { limit: 200 });
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<ServiceSeries | null>(null);
  const rows = series.data?.items;
  return (
    <Stack gap="sm" data-testid="eldercare-series">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('eldercare.series.title')}
        </Title>
        {can('records.write') && (
          <Button onClick={() => setCreating(true)} data-testid="series-create">
            {t('eldercare.careUi.series.create')}
          </Button>
        )}
      </Group>
      {series.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={series.error.error} />
        </Alert>
      )}
      {rows && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('eldercare.careUi.series.empty')}
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="series-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.careUi.common.resident')}</Table.Th>
                <Table.Th>{t('eldercare.orders.service')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.series.target')}</Table.Th>
                <Table.Th>{t('eldercare.series.rule')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.series.period')}</Table.Th>
                <Table.Th>{t('eldercare.careUi.series.status')}</Table.Th>
                <Table.Th>{t('eldercare.orders.title')}</Table.Th>
                {can('records.write') && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={s.id} data-testid="series-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/residents/${s.person.residentId}`} size="sm">
                      {s.person.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {s.person.idMasked}
                    </Text>
                  </Table.Td>
                  <Table.Td>{services.label(s.service)}</Table.Td>
                  <Table.Td>{s.facilityName ?? s.provider ?? '—'}</Table.Td>
                  <Table.Td data-testid="series-rule">{describeRule(s.rrule, t)}</Table.Td>
                  <Table.Td>
                    {s.startsOn} – {s.endsOn ?? t('eldercare.careUi.series.open')}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.status === 'active' ? 'green' : 'gray'}>
                      {t(`eldercare.series.status.${s.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{t('eldercare.careUi.series.occurrences', s.occurrences)}</Text>
                  </Table.Td>
                  {can('records.write') && (
                    <Table.Td>
                      {s.status === 'active' && (
                        <Button size="compact-xs" variant="light" color="red" onClick={() => setEnding(s)} data-testid="series-end">
                          {t('eldercare.series.end')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('eldercare.careUi.series.create')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {creating && <SeriesForm onClose={() => setCreating(false)} />}
      </Modal>
      <Modal opened={ending !== null} onClose={() => setEnding(null)} title={t('eldercare.careUi.series.endTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {ending && <EndSeriesForm series={ending} onClose={() => setEnding(null)} />}
      </Modal>
    </Stack>
  );
}

type RuleKind = 'weekdays' | 'chosen' | 'everyN';

function SeriesForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const services = useServiceLabels();
  const call = useCallState();
  const [resident, setResident] = useState<PickedResident | null>(null);
  const [service, setService] = useState('');
  const [targetKind, setTargetKind] = useState<'facility' | 'provider'>('facility');
  const [facilityId, setFacilityId] = useState('');
  const [provider, setProvider] = useState('');
  const [kind, setKind] = useState<RuleKind>('weekdays');
  const [days, setDays] = useState<string[]>(['1']);
  const [weeks, setWeeks] = useState<number | string>(2);
  const [startsOn, setStartsOn] = useState(todayIso());
  const [endsOn, setEndsOn] = useState('');
  const [duration, setDuration] = useState<number | string>('');
  const [noResident, setNoResident] = useState(false);
  const [cost, setCost] = useState<number | string>(0);
  const [subsidy, setSubsidy] = useState<number | string>(0);
  const facilities = useContractQuery('eldercare.facilities.list', { status: 'active', ...(service ? { service } : {}) }, { enabled: service !== '' });

  const rule = () => {
    const byWeekday = days.map(Number).sort();
    if (kind === 'weekdays') return { freq: 'weekly' as const, interval: 1, byWeekday: [1, 2, 3, 4, 5] };
    if (kind === 'chosen') return { freq: 'weekly' as const, interval: 1, byWeekday };
    return { freq: 'weekly' as const, interval: Number(weeks) || 1, byWeekday };
  };

  const submit = async () => {
    // No resident chosen yet (typed text is not a choice): say so, not "the record number is malformed".
    if (!resident) return setNoResident(true);
    const created = await call.run(() =>
      api.call('eldercare.series.create', {
        residentId: resident?.id ?? '',
        service,
        ...(targetKind === 'facility' ? { facilityId: facilityId || null } : { provider: provider.trim() || null }),
        rule: rule(),
        startsOn,
        endsOn: endsOn || null,
        durationMinutes: duration === '' ? null : Number(duration),
        costCents: yuanToCents(cost) ?? 0,
        subsidyCents: yuanToCents(subsidy) ?? 0,
      }),
    );
    if (created) {
      notifySuccess(t, t('eldercare.careUi.series.created', { count: created.generated }));
      onClose();
    }
  };

  const weekdayBoxes = (
    <Checkbox.Group label={t('eldercare.careUi.series.daysLabel')} value={days} onChange={setDays} error={call.field('rule.byWeekday')}>
      <Group mt={4} gap="sm">
        {WEEKDAYS.map((d) => (
          <Checkbox key={d} value={String(d)} label={t(`eldercare.careUi.series.weekday.d${d}`)} />
        ))}
      </Group>
    </Checkbox.Group>
  );

  return (
    <Stack gap="sm" data-testid="series-form">
      <ResidentPicker
        value={resident}
        onChange={(r) => {
          setResident(r);
          setNoResident(false);
          call.clear();
        }}
        error={noResident ? t('validation.required') : call.field('residentId')}
        testId="series-resident"
      />
      <NativeSelect label={t('eldercare.orders.service')} value={service} onChange={(e) => setService(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...services.options]} error={call.field('service')} data-testid="series-service" />
      <Radio.Group label={t('eldercare.careUi.board.targetKind')} value={targetKind} onChange={(v) => setTargetKind(v as 'facility' | 'provider')}>
        <Group mt={4}>
          <Radio value="facility" label={t('eldercare.careUi.board.targetFacility')} />
          <Radio value="provider" label={t('eldercare.careUi.board.targetProvider')} />
        </Group>
      </Radio.Group>
      {targetKind === 'facility' ? (
        <NativeSelect
          label={t('eldercare.careUi.board.chooseFacility')}
          value={facilityId}
          onChange={(e) => setFacilityId(e.currentTarget.value)}
          data={[{ value: '', label: '—' }, ...(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))]}
          error={call.field('facilityId')}
          data-testid="series-facility"
        />
      ) : (
        <TextInput label={t('eldercare.careUi.board.providerName')} value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={call.field('provider')} />
      )}
      <Radio.Group label={t('eldercare.careUi.series.ruleKind')} value={kind} onChange={(v) => setKind(v as RuleKind)} error={call.field('rule')}>
        <Stack mt={4} gap={4}>
          {(['weekdays', 'chosen', 'everyN'] as const).map((k) => (
            <Radio key={k} value={k} label={t(`eldercare.careUi.series.kinds.${k}`)} data-testid={`series-kind-${k}`} />
          ))}
        </Stack>
      </Radio.Group>
      {kind === 'everyN' && <NumberInput label={t('eldercare.careUi.series.everyWeeks')} value={weeks} onChange={setWeeks} min={1} max={52} allowDecimal={false} error={call.field('rule.interval')} />}
      {kind !== 'weekdays' && weekdayBoxes}
      <Group grow align="flex-start">
        <TextInput type="date" label={t('eldercare.series.startsOn')} value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={call.field('startsOn')} data-testid="series-starts-on" />
        <TextInput type="date" label={t('eldercare.series.endsOn')} value={endsOn} min={startsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={call.field('endsOn')} data-testid="series-ends-on" />
      </Group>
      <Group grow align="flex-start">
        <NumberInput label={t('eldercare.careUi.series.durationLabel')} value={duration} onChange={setDuration} min={0} max={1440} allowDecimal={false} error={call.field('durationMinutes')} />
        <MoneyInput label={t('eldercare.careUi.series.costLabel')} value={cost} onChange={setCost} error={call.field('costCents')} />
        <MoneyInput label={t('eldercare.careUi.series.subsidyLabel')} value={subsidy} onChange={setSubsidy} error={call.field('subsidyCents')} />
      </Group>
      {call.alert(['residentId', 'service', 'facilityId', 'provider', 'rule', 'rule.byWeekday', 'rule.interval', 'startsOn', 'endsOn', 'durationMinutes', 'costCents', 'subsidyCents'], 'series-error')}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={call.busy} data-testid="series-submit">
          {t('common.create')}
        </Button>
      </Group>
    </Stack>
  );
}

function EndSeriesForm({ series, onClose }: { series: ServiceSeries; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCallState();
  const [endsOn, setEndsOn] = useState(todayIso() < series.startsOn ? series.startsOn : todayIso());
  const submit = async () => {
    const ended = await call.run(() => api.call('eldercare.series.end', { id: series.id, version: series.version, endsOn }));
    if (ended) {
      notifySuccess(t, t('eldercare.careUi.series.ended', { count: ended.cancelled }));
      onClose();
    }
  };
  return (
    <Stack gap="sm" data-testid="series-end-form">
      <TextInput type="date" label={t('eldercare.careUi.series.endsOnLabel')} description={t('eldercare.careUi.series.endHint')} value={endsOn} min={series.startsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={call.field('endsOn')} data-testid="series-end-date" />
      {call.alert(['endsOn'], 'series-end-error')}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={() => void submit()} loading={call.busy} data-testid="series-end-submit">
          {t('eldercare.series.end')}
        </Button>
      </Group>
    </Stack>
  );
}
