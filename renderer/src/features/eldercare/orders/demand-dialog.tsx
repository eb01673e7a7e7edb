/** 登记服务需求: a demand taken by phone, on a visit, at the desk or online becomes a new order. */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServiceOrder } from '../../../../../shared/contract';
import { DEMAND_CHANNELS } from '../../../../../shared/domain/eldercare/orders';
import { useApi } from '../../../app/api/api-context';
import { notifySuccess } from '../../../app/components/notify';
import { useCallState } from './call-state';
import { todayIso, useServiceLabels } from './format';
import { ResidentPicker, type PickedResident } from './resident-picker';

type Channel = (typeof DEMAND_CHANNELS)[number];

export function DemandDialog({ opened, onClose, resident: fixed }: { opened: boolean; onClose(order?: ServiceOrder): void; resident?: PickedResident }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={() => onClose()} title={t('eldercare.careUi.board.dialog.record')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && <DemandForm fixed={fixed} onClose={onClose} />}
    </Modal>
  );
}

function DemandForm({ fixed, onClose }: { fixed?: PickedResident; onClose(order?: ServiceOrder): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const services = useServiceLabels();
  const call = useCallState();
  const [resident, setResident] = useState<PickedResident | null>(fixed ?? null);
  const [service, setService] = useState('');
  const [channel, setChannel] = useState<Channel>('phone');
  const [requestedOn, setRequestedOn] = useState(todayIso());
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  // Left empty: said at the field before asking the core (an empty code would read as a bad code).
  const [missing, setMissing] = useState<string[]>([]);
  const field = (path: string) => (missing.includes(path) ? t('validation.required') : call.field(path));

  const submit = async () => {
    const empty = [...(resident ? [] : ['residentId']), ...(service ? [] : ['service'])];
    setMissing(empty);
    if (empty.length > 0) return;
    const order = await call.run(() =>
      api.call('eldercare.orders.create', {
        residentId: resident?.id ?? '',
        service,
        channel,
        requestedOn,
        dueOn: dueOn || null,
        note: note.trim() || null,
      }),
    );
    if (order) {
      notifySuccess(t, t('eldercare.careUi.board.done_.record'));
      onClose(order);
    }
  };

  return (
    <Stack gap="sm" data-testid="eldercare-demand-form">
      {fixed ? null : <ResidentPicker value={resident} onChange={setResident} error={field('residentId')} testId="demand-resident" />}
      <NativeSelect
        label={t('eldercare.orders.service')}
        value={service}
        onChange={(e) => setService(e.currentTarget.value)}
        data={[{ value: '', label: '—' }, ...services.options]}
        error={field('service')}
        data-testid="demand-service"
      />
      <NativeSelect
        label={t('eldercare.careUi.board.channel')}
        value={channel}
        onChange={(e) => setChannel(e.currentTarget.value as Channel)}
        data={DEMAND_CHANNELS.map((c) => ({ value: c, label: t(`eldercare.orders.channels.${c}`) }))}
        error={call.field('channel')}
        data-testid="demand-channel"
      />
      <Group grow align="flex-start">
        <TextInput type="date" label={t('eldercare.orders.requestedOn')} value={requestedOn} max={todayIso()} onChange={(e) => setRequestedOn(e.currentTarget.value)} error={call.field('requestedOn')} data-testid="demand-requested-on" />
        <TextInput type="date" label={t('eldercare.orders.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={call.field('dueOn')} data-testid="demand-due-on" />
      </Group>
      <Textarea label={t('eldercare.careUi.board.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} rows={2} error={call.field('note')} data-testid="demand-note" />
      {call.alert(['residentId', 'service', 'channel', 'requestedOn', 'dueOn', 'note'], 'demand-error')}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => onClose()}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={call.busy} data-testid="demand-submit">
          {t('eldercare.careUi.board.submit.record')}
        </Button>
      </Group>
    </Stack>
  );
}
