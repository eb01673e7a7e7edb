/**
 * One step of an order's life from the board: dispatch, complete, feedback, cancel, mark not
 * delivered. The dialog reads the order afresh when it opens and acts on that version, so what the
 * clerk confirms is what the core judges: a step the order no longer allows (someone completed it
 * meanwhile) comes back with the core's reason, in words, under the form.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Fieldset, Group, Loader, Modal, NativeSelect, NumberInput, Radio, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { ServiceOrder } from '../../../../../shared/contract';
import type { OrderEvent } from '../../../../../shared/domain/eldercare/orders';
import { useApi } from '../../../app/api/api-context';
import { contractKey, useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useCallState } from './call-state';
import { todayIso, useServiceLabels, yuanToCents } from './format';

export function OrderActionDialog({ order, event, onClose }: { order: ServiceOrder; event: OrderEvent | null; onClose(): void }) {
  const { t } = useTranslation();
  const services = useServiceLabels();
  return (
    <Modal
      opened={event !== null}
      onClose={onClose}
      title={event ? `${t(`eldercare.careUi.board.dialog.${event}`)}：${order.person.name} · ${services.label(order.service)}` : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="md"
    >
      {event && <FreshOrder id={order.id} event={event} onClose={onClose} />}
    </Modal>
  );
}

function FreshOrder({ id, event, onClose }: { id: string; event: OrderEvent; onClose(): void }) {
  const { t } = useTranslation();
  const fresh = useContractQuery('eldercare.orders.get', { id }, { refetchOnMount: 'always', staleTime: 0 });
  if (fresh.isError)
    return (
      <Alert color="red" role="alert">
        <ErrorText error={fresh.error.error} />
      </Alert>
    );
  if (!fresh.data || !fresh.isFetchedAfterMount) return <Loader size="sm" aria-label={t('app.loading')} />;
  return <ActionForm order={fresh.data} event={event} onClose={onClose} />;
}

const FIELDS: Record<OrderEvent, readonly string[]> = {
  dispatch: ['facilityId', 'provider', 'dueOn'],
  complete: ['doneOn', 'durationMinutes', 'costCents', 'subsidyCents'],
  feedback: ['satisfaction', 'comment'],
  cancel: ['reason'],
  miss: ['reason'],
};

function ActionForm({ order, event, onClose }: { order: ServiceOrder; event: OrderEvent; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const call = useCallState();
  const [stale, setStale] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);

  // Each form keeps its own values here; `input` builds the call from them.
  const [targetKind, setTargetKind] = useState<'facility' | 'provider'>(order.provider ? 'provider' : 'facility');
  const [facilityId, setFacilityId] = useState(order.facilityId ?? '');
  const [provider, setProvider] = useState(order.provider ?? '');
  const [dueOn, setDueOn] = useState(order.dueOn ?? (todayIso() > order.requestedOn ? todayIso() : order.requestedOn));
  const [doneOn, setDoneOn] = useState(todayIso());
  const [duration, setDuration] = useState<number | string>(order.durationMinutes ?? '');
  const [cost, setCost] = useState<number | string>(order.costCents !== null ? order.costCents / 100 : 0);
  const [subsidy, setSubsidy] = useState<number | string>(order.subsidyCents !== null ? order.subsidyCents / 100 : 0);
  const [satisfaction, setSatisfaction] = useState(0);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');

  const facilities = useContractQuery('eldercare.facilities.list', { status: 'active', service: order.service }, { enabled: event === 'dispatch' });
  const offering = facilities.data ?? [];

  const send = (): Promise<ServiceOrder> => {
    const base = { id: order.id, version: order.version };
    switch (event) {
      case 'dispatch':
        return api.call('eldercare.orders.dispatch', { ...base, dueOn, ...(targetKind === 'facility' ? { facilityId: facilityId || null } : { provider: provider.trim() || null }) });
      case 'complete':
        return api.call('eldercare.orders.complete', {
          ...base,
          doneOn,
          durationMinutes: duration === '' ? Number.NaN : Number(duration),
          costCents: yuanToCents(cost) ?? 0,
          subsidyCents: yuanToCents(subsidy) ?? 0,
        });
      case 'feedback':
        return api.call('eldercare.orders.feedback', { ...base, satisfaction, comment: comment.trim() || null });
      case 'cancel':
        return api.call('eldercare.orders.cancel', { ...base, reason });
      case 'miss':
        return api.call('eldercare.orders.miss', { ...base, reason });
    }
  };

  const submit = async () => {
    setStale(false);
    setMissing(null);
    // What the form can tell before asking: the field the clerk left empty.
    if (event === 'feedback' && satisfaction < 1) return setMissing('satisfaction');
    if (event === 'complete' && duration === '') return setMissing('durationMinutes');
    if (event === 'dispatch' && targetKind === 'facility' && !facilityId) return setMissing('facilityId');
    const done = await call.run(send, (error) => {
      // A refused step may mean the board is behind (someone else acted): read it again.
      void queryClient.invalidateQueries({ queryKey: contractKey('eldercare.orders.list') });
      if (error.code === 'STALE_VERSION') {
        setStale(true);
        void queryClient.invalidateQueries({ queryKey: contractKey('eldercare.orders.get', { id: order.id }) });
      }
    });
    if (done) {
      notifySuccess(t, t(`eldercare.careUi.board.done_.${event}`));
      onClose();
    }
  };

  const field = (path: string): ReactNode => (missing === path ? t('validation.required') : call.field(path));

  return (
    <Stack gap="sm" data-testid={`order-${event}-form`}>
      {event === 'dispatch' && (
        <>
          <Radio.Group label={t('eldercare.careUi.board.targetKind')} value={targetKind} onChange={(v) => setTargetKind(v as 'facility' | 'provider')}>
            <Group mt={4}>
              <Radio value="facility" label={t('eldercare.careUi.board.targetFacility')} data-testid="dispatch-kind-facility" />
              <Radio value="provider" label={t('eldercare.careUi.board.targetProvider')} data-testid="dispatch-kind-provider" />
            </Group>
          </Radio.Group>
          {targetKind === 'facility' ? (
            <>
              <NativeSelect
                label={t('eldercare.careUi.board.chooseFacility')}
                value={facilityId}
                onChange={(e) => setFacilityId(e.currentTarget.value)}
                data={[{ value: '', label: '—' }, ...offering.map((f) => ({ value: f.id, label: f.name }))]}
                error={field('facilityId')}
                data-testid="dispatch-facility"
              />
              {facilities.data && offering.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('eldercare.careUi.board.noFacilityOffers')}
                </Text>
              )}
            </>
          ) : (
            <TextInput label={t('eldercare.careUi.board.providerName')} value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={field('provider')} data-testid="dispatch-provider" />
          )}
          <TextInput type="date" label={t('eldercare.careUi.board.dueOnLabel')} value={dueOn} min={order.requestedOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={field('dueOn')} data-testid="dispatch-due-on" />
        </>
      )}
      {event === 'complete' && (
        <>
          <TextInput type="date" label={t('eldercare.orders.doneOn')} value={doneOn} min={order.requestedOn} max={todayIso()} onChange={(e) => setDoneOn(e.currentTarget.value)} error={field('doneOn')} data-testid="complete-done-on" />
          <NumberInput label={t('eldercare.careUi.board.durationLabel')} value={duration} onChange={setDuration} min={0} max={1440} allowDecimal={false} allowNegative={false} error={field('durationMinutes')} data-testid="complete-duration" />
          <Group grow align="flex-start">
            <MoneyInput label={t('eldercare.careUi.board.costLabel')} value={cost} onChange={setCost} error={field('costCents')} testId="complete-cost" />
            <MoneyInput label={t('eldercare.careUi.board.subsidyLabel')} value={subsidy} onChange={setSubsidy} error={field('subsidyCents')} testId="complete-subsidy" />
          </Group>
        </>
      )}
      {event === 'feedback' && (
        <>
          {/* A radio group, not Mantine's Rating: Rating commits a keyboard choice only on Enter, so arrowing to a score and moving on would lose it. */}
          <Fieldset legend={t('eldercare.careUi.board.satisfactionLegend')} variant="unstyled" data-testid="feedback-satisfaction">
            <SegmentedControl
              value={satisfaction ? String(satisfaction) : ''}
              onChange={(v) => setSatisfaction(Number(v))}
              data={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${'★'.repeat(n)} ${t('eldercare.careUi.board.star', { count: n })}` }))}
              name={`satisfaction-${order.id}`}
              fullWidth
            />
            {field('satisfaction') && (
              <Text size="xs" c="red" mt={4}>
                {field('satisfaction')}
              </Text>
            )}
          </Fieldset>
          <Textarea label={t('eldercare.careUi.board.commentLabel')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} rows={2} error={field('comment')} data-testid="feedback-comment" />
        </>
      )}
      {(event === 'cancel' || event === 'miss') && (
        <Textarea
          label={t(event === 'cancel' ? 'eldercare.careUi.board.cancelReason' : 'eldercare.careUi.board.missReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          rows={2}
          error={field('reason')}
          data-testid="order-reason"
        />
      )}
      {stale ? (
        <Alert color="yellow" role="alert" data-testid="order-action-error">
          {t('eldercare.careUi.board.stale')}
        </Alert>
      ) : (
        call.alert(FIELDS[event], 'order-action-error')
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button color={event === 'cancel' || event === 'miss' ? 'red' : undefined} onClick={() => void submit()} loading={call.busy} data-testid="order-action-submit">
          {t(`eldercare.careUi.board.submit.${event}`)}
        </Button>
      </Group>
    </Stack>
  );
}

export function MoneyInput({ label, value, onChange, error, testId }: { label: string; value: number | string; onChange(v: number | string): void; error?: ReactNode; testId?: string }) {
  return <NumberInput label={label} value={value} onChange={onChange} min={0} decimalScale={2} thousandSeparator="," prefix="¥" allowNegative={false} error={error} data-testid={testId} />;
}

