/**
 * 检查与整改: a facility's inspections (date, inspector, findings, rectification deadline) with the
 * rectification's state — due, overdue, done — and recording the follow-up, which resolves an
 * overdue-rectification alert.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contract, toContractIssues, type ContractError, type Inspection } from '../../../../../shared/contract';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useFormatters } from '../../../app/i18n/format';
import { RECTIFICATION_STATE_COLOURS, todayBeijing } from './labels';

type Editing = { inspection?: Inspection; followUp: boolean };

export function InspectionsSection({ facilityId, inspections, editable }: { facilityId: string; inspections: Inspection[]; editable: boolean }) {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  const [editing, setEditing] = useState<Editing | null>(null);
  return (
    <Stack gap="xs" component="section" aria-labelledby="facility-inspections-title" data-testid="facility-inspections">
      <Group justify="space-between">
        <Text fw={600} id="facility-inspections-title">
          {t('eldercare.facilitiesUi.inspections.title')}
        </Text>
        {editable && (
          <Button size="xs" variant="light" onClick={() => setEditing({ followUp: false })} data-testid="inspection-add">
            {t('eldercare.facilitiesUi.inspections.add')}
          </Button>
        )}
      </Group>
      {inspections.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.facilitiesUi.inspections.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.facilitiesUi.inspections.inspectedOn')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.inspections.inspector')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.inspections.findings')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.inspections.rectificationDue')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.inspections.state')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.inspections.followUp')}</Table.Th>
                {editable && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inspections.map((i) => (
                <Table.Tr key={i.id} data-testid={`inspection-${i.id}`} data-state={i.state}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(i.inspectedOn)}</Table.Td>
                  <Table.Td>{i.inspector}</Table.Td>
                  <Table.Td>{i.findings ?? ''}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{i.rectificationDue ? formatDate(i.rectificationDue) : '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={RECTIFICATION_STATE_COLOURS[i.state]} variant={i.state === 'overdue' ? 'filled' : 'light'} tt="none" data-testid="inspection-state">
                      {t(`eldercare.facilities.rectificationStates.${i.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {i.followedUpOn && <Text size="sm">{formatDate(i.followedUpOn)}</Text>}
                    {i.followUpNote && (
                      <Text size="xs" c="dimmed">
                        {i.followUpNote}
                      </Text>
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {(i.state === 'open' || i.state === 'overdue') && (
                          <Button size="xs" variant="light" onClick={() => setEditing({ inspection: i, followUp: true })} data-testid="inspection-follow-up">
                            {t('eldercare.facilitiesUi.inspections.recordFollowUp')}
                          </Button>
                        )}
                        <Button size="xs" variant="subtle" onClick={() => setEditing({ inspection: i, followUp: false })} data-testid="inspection-edit">
                          {t('eldercare.facilitiesUi.edit')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing?.followUp
            ? t('eldercare.facilitiesUi.inspections.recordFollowUp')
            : editing?.inspection
              ? t('eldercare.facilitiesUi.inspections.editTitle')
              : t('eldercare.facilitiesUi.inspections.add')
        }
        data-testid="inspection-dialog"
      >
        {editing !== null && <InspectionForm facilityId={facilityId} editing={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function InspectionForm({ facilityId, editing, onDone }: { facilityId: string; editing: Editing; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { formatDate } = useFormatters();
  const { inspection, followUp } = editing;
  const [values, setValues] = useState({
    inspectedOn: inspection?.inspectedOn ?? todayBeijing(),
    inspector: inspection?.inspector ?? '',
    findings: inspection?.findings ?? '',
    rectificationDue: inspection?.rectificationDue ?? '',
    followedUpOn: inspection?.followedUpOn ?? (followUp ? todayBeijing() : ''),
    followUpNote: inspection?.followUpNote ?? '',
  });
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const issue = (field: string) => {
    const found = error?.issues?.find((i) => i.path[0] === field);
    return found ? <IssueText issue={found} parent={error ?? undefined} /> : undefined;
  };
  const save = async () => {
    const input = {
      ...(inspection ? { id: inspection.id, version: inspection.version } : {}),
      facilityId,
      inspectedOn: values.inspectedOn,
      inspector: values.inspector,
      findings: values.findings.trim() || undefined,
      rectificationDue: values.rectificationDue || null,
      followedUpOn: values.followedUpOn || null,
      followUpNote: values.followUpNote.trim() || undefined,
    };
    const parsed = contract['eldercare.inspections.save'].input.safeParse(input);
    if (!parsed.success) {
      setError({ code: 'INVALID_INPUT', message: '', issues: toContractIssues(parsed.error) });
      return;
    }
    setError(null);
    setSaving(true);
    try {
      await api.call('eldercare.inspections.save', input);
      notifySuccess(t, t(followUp ? 'eldercare.facilitiesUi.inspections.followedUp' : 'eldercare.facilitiesUi.inspections.saved'));
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };
  const fields = followUp ? ['followedUpOn', 'followUpNote'] : ['inspectedOn', 'inspector', 'findings', 'rectificationDue', 'followedUpOn', 'followUpNote'];
  const unplaced = error && (!error.issues?.length || error.issues.some((i) => !fields.includes(String(i.path[0]))));
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <EnterForm
      onSubmit={(e) => {
        e?.preventDefault();
        void save();
      }}
      data-testid="inspection-form"
    >
      <Stack gap="sm">
        {followUp && inspection ? (
          <Text size="sm">
            {t('eldercare.facilitiesUi.inspections.followUpOf', { date: formatDate(inspection.inspectedOn), due: inspection.rectificationDue ? formatDate(inspection.rectificationDue) : '—' })}
          </Text>
        ) : (
          <>
            <Group grow>
              <TextInput type="date" label={t('eldercare.facilitiesUi.inspections.inspectedOn')} required value={values.inspectedOn} onChange={(e) => set({ inspectedOn: e.currentTarget.value })} error={issue('inspectedOn')} data-testid="inspection-date" />
              <TextInput label={t('eldercare.facilitiesUi.inspections.inspector')} required value={values.inspector} onChange={(e) => set({ inspector: e.currentTarget.value })} error={issue('inspector')} data-testid="inspection-inspector" />
            </Group>
            <Textarea label={t('eldercare.facilitiesUi.inspections.findings')} rows={2} value={values.findings} onChange={(e) => set({ findings: e.currentTarget.value })} error={issue('findings')} data-testid="inspection-findings" />
            <TextInput
              type="date"
              label={t('eldercare.facilitiesUi.inspections.rectificationDue')}
              description={t('eldercare.facilitiesUi.inspections.rectificationHint')}
              value={values.rectificationDue}
              onChange={(e) => set({ rectificationDue: e.currentTarget.value })}
              error={issue('rectificationDue')}
              data-testid="inspection-due"
            />
          </>
        )}
        {(followUp || inspection?.followedUpOn) && (
          <>
            <TextInput type="date" label={t('eldercare.facilitiesUi.inspections.followedUpOn')} value={values.followedUpOn} onChange={(e) => set({ followedUpOn: e.currentTarget.value })} error={issue('followedUpOn')} data-testid="inspection-followed-up-on" />
            <Textarea label={t('eldercare.facilitiesUi.inspections.followUpNote')} rows={2} value={values.followUpNote} onChange={(e) => set({ followUpNote: e.currentTarget.value })} error={issue('followUpNote')} data-testid="inspection-follow-up-note" />
          </>
        )}
        {unplaced && (
          <Alert color="red" role="alert" data-testid="inspection-error">
            {error.issues?.length ? error.issues.map((i, n) => <IssueText key={n} issue={i} parent={error} />) : <ErrorText error={error} />}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="inspection-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}