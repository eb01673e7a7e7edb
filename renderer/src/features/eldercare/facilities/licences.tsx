/**
 * 许可与备案: a facility's licences and filings with their numbers and expiry dates, each with its
 * state as of today (valid / expiring soon / expired, by the office's alert window) as a badge with
 * its text and the days left. Clerks add, edit and remove them; an expiring one raises an alert.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contract, toContractIssues, type ContractError, type Licence } from '../../../../../shared/contract';
import { LICENCE_KINDS, type LicenceKind } from '../../../../../shared/domain/eldercare/facilities';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useFormatters } from '../../../app/i18n/format';
import { LICENCE_STATE_COLOURS } from './labels';

export function LicencesSection({ facilityId, licences, editable }: { facilityId: string; licences: Licence[]; editable: boolean }) {
  const { t } = useTranslation();
  const { formatDate } = useFormatters();
  const api = useApi();
  const [editing, setEditing] = useState<Licence | 'new' | null>(null);
  const [removeError, setRemoveError] = useState<ContractError | null>(null);
  const remove = async (licence: Licence) => {
    setRemoveError(null);
    try {
      await api.call('eldercare.licences.remove', { id: licence.id, version: licence.version });
      notifySuccess(t, t('eldercare.facilitiesUi.licences.removed', { title: licence.title }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setRemoveError(e.error);
    }
  };
  const daysLeft = (l: Licence) => {
    if (l.daysLeft === null) return '';
    if (l.daysLeft < 0) return t('eldercare.facilitiesUi.licences.expiredAgo', { days: -l.daysLeft });
    return t('eldercare.facilitiesUi.licences.daysLeft', { days: l.daysLeft });
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="facility-licences-title" data-testid="facility-licences">
      <Group justify="space-between">
        <Text fw={600} id="facility-licences-title">
          {t('eldercare.facilitiesUi.licences.title')}
        </Text>
        {editable && (
          <Button size="xs" variant="light" onClick={() => setEditing('new')} data-testid="licence-add">
            {t('eldercare.facilitiesUi.licences.add')}
          </Button>
        )}
      </Group>
      {removeError && (
        <Alert color="red" role="alert">
          <ErrorText error={removeError} />
        </Alert>
      )}
      {licences.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.facilitiesUi.licences.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.facilitiesUi.licences.kind')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.licences.titleField')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.licences.number')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.licences.authority')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.licences.issuedOn')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.licences.expiresOn')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.licences.state')}</Table.Th>
                {editable && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {licences.map((l) => (
                <Table.Tr key={l.id} data-testid={`licence-${l.id}`} data-state={l.state}>
                  <Table.Td>{t(`eldercare.facilities.licenceKinds.${l.kind}`)}</Table.Td>
                  <Table.Td>{l.title}</Table.Td>
                  <Table.Td>{l.number}</Table.Td>
                  <Table.Td>{l.authority ?? ''}</Table.Td>
                  <Table.Td>{l.issuedOn ? formatDate(l.issuedOn) : ''}</Table.Td>
                  <Table.Td>
                    {l.expiresOn ? formatDate(l.expiresOn) : '—'}
                    {l.daysLeft !== null && (
                      <Text size="xs" c="dimmed">
                        {daysLeft(l)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={LICENCE_STATE_COLOURS[l.state]} variant={l.state === 'valid' || l.state === 'no_expiry' ? 'light' : 'filled'} tt="none" data-testid="licence-state">
                      {t(`eldercare.facilities.licenceStates.${l.state}`)}
                    </Badge>
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="subtle" onClick={() => setEditing(l)} data-testid="licence-edit">
                          {t('eldercare.facilitiesUi.edit')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => void remove(l)} data-testid="licence-remove">
                          {t('eldercare.facilitiesUi.form.remove')}
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
        title={editing === 'new' ? t('eldercare.facilitiesUi.licences.add') : t('eldercare.facilitiesUi.licences.editTitle')}
        data-testid="licence-dialog"
      >
        {editing !== null && <LicenceForm facilityId={facilityId} licence={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function LicenceForm({ facilityId, licence, onDone }: { facilityId: string; licence?: Licence; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [values, setValues] = useState({
    kind: licence?.kind ?? ('licence' as LicenceKind),
    title: licence?.title ?? '',
    number: licence?.number ?? '',
    authority: licence?.authority ?? '',
    issuedOn: licence?.issuedOn ?? '',
    expiresOn: licence?.expiresOn ?? '',
  });
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const issue = (field: string) => {
    const found = error?.issues?.find((i) => i.path[0] === field);
    return found ? <IssueText issue={found} parent={error ?? undefined} /> : undefined;
  };
  const save = async () => {
    const input = {
      ...(licence ? { id: licence.id, version: licence.version } : {}),
      facilityId,
      kind: values.kind,
      title: values.title,
      number: values.number,
      authority: values.authority.trim() || undefined,
      issuedOn: values.issuedOn || null,
      expiresOn: values.expiresOn || null,
    };
    const parsed = contract['eldercare.licences.save'].input.safeParse(input);
    if (!parsed.success) {
      setError({ code: 'INVALID_INPUT', message: '', issues: toContractIssues(parsed.error) });
      return;
    }
    setError(null);
    setSaving(true);
    try {
      const saved = await api.call('eldercare.licences.save', input);
      notifySuccess(t, t('eldercare.facilitiesUi.licences.saved', { title: saved.title }));
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };
  const fields = ['kind', 'title', 'number', 'authority', 'issuedOn', 'expiresOn'];
  const unplaced = error && (!error.issues?.length || error.issues.some((i) => !fields.includes(String(i.path[0]))));
  return (
    <EnterForm
      onSubmit={(e) => {
        e?.preventDefault();
        void save();
      }}
      data-testid="licence-form"
    >
      <Stack gap="sm">
        <NativeSelect
          label={t('eldercare.facilitiesUi.licences.kind')}
          value={values.kind}
          data={LICENCE_KINDS.map((k) => ({ value: k, label: t(`eldercare.facilities.licenceKinds.${k}`) }))}
          onChange={(e) => setValues({ ...values, kind: e.currentTarget.value as LicenceKind })}
          error={issue('kind')}
          data-testid="licence-kind"
        />
        <TextInput
          label={t('eldercare.facilitiesUi.licences.titleField')}
          placeholder={t('eldercare.facilitiesUi.licences.titleHint')}
          required
          value={values.title}
          onChange={(e) => setValues({ ...values, title: e.currentTarget.value })}
          error={issue('title')}
          data-testid="licence-title"
        />
        <TextInput label={t('eldercare.facilitiesUi.licences.number')} required value={values.number} onChange={(e) => setValues({ ...values, number: e.currentTarget.value })} error={issue('number')} data-testid="licence-number" />
        <TextInput label={t('eldercare.facilitiesUi.licences.authority')} value={values.authority} onChange={(e) => setValues({ ...values, authority: e.currentTarget.value })} error={issue('authority')} data-testid="licence-authority" />
        <Group grow>
          <TextInput type="date" label={t('eldercare.facilitiesUi.licences.issuedOn')} value={values.issuedOn} onChange={(e) => setValues({ ...values, issuedOn: e.currentTarget.value })} error={issue('issuedOn')} data-testid="licence-issued-on" />
          <TextInput type="date" label={t('eldercare.facilitiesUi.licences.expiresOn')} value={values.expiresOn} onChange={(e) => setValues({ ...values, expiresOn: e.currentTarget.value })} error={issue('expiresOn')} data-testid="licence-expires-on" />
        </Group>
        {unplaced && (
          <Alert color="red" role="alert" data-testid="licence-error">
            {error.issues?.length ? error.issues.map((i, n) => <IssueText key={n} issue={i} parent={error} />) : <ErrorText error={error} />}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="licence-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}