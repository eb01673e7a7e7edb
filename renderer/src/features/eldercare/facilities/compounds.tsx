/**
 * 小区: residential compounds with their positions (a resident's position is their compound's unless
 * their own is entered), in a compact list with an edit dialog: name, address, grid and position in
 * the coordinate system it was copied in.
 */
import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract, toContractIssues, type Compound, type ContractError, type ContractIssue } from '../../../../../shared/contract';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { useContractQuery } from '../../../app/api/queries';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useCan } from '../../../app/session/session-context';
import { useNumber } from './labels';
import { PositionInput, PositionText, positionFields, readPosition } from './position-input';

export function CompoundList() {
  const { t } = useTranslation();
  const can = useCan();
  const editable = can('records.write');
  const number = useNumber();
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 200);
  const list = useContractQuery('eldercare.compounds.list', query ? { query } : {}, { placeholderData: keepPreviousData });
  const [editing, setEditing] = useState<Compound | 'new' | null>(null);
  return (
    <Stack gap="sm" data-testid="compound-list">
      <Group justify="space-between" align="flex-end">
        <TextInput size="xs" w={220} label={t('eldercare.facilitiesUi.compounds.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="compound-filter-query" />
        {editable && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="compound-add">
            {t('eldercare.facilitiesUi.compounds.add')}
          </Button>
        )}
      </Group>
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={list.error.error} />
        </Alert>
      )}
      {list.data && list.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('eldercare.facilitiesUi.compounds.empty')}
        </Text>
      )}
      {list.data && list.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.facilitiesUi.compounds.name')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.fields.address')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.fields.grid')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.position.label')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.compounds.residents')}</Table.Th>
                {editable && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((c) => (
                <Table.Tr key={c.id} data-testid={`compound-row-${c.id}`}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{c.address ?? ''}</Table.Td>
                  <Table.Td>{c.gridName ?? ''}</Table.Td>
                  <Table.Td>
                    <PositionText position={c.position} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('eldercare.facilitiesUi.compounds.residentsLine', { residents: number(c.residents), older: number(c.olderResidents) })}</Table.Td>
                  {editable && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(c)} data-testid="compound-edit">
                        {t('eldercare.facilitiesUi.edit')}
                      </Button>
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
        title={editing === 'new' ? t('eldercare.facilitiesUi.compounds.add') : t('eldercare.facilitiesUi.compounds.editTitle')}
        size="lg"
        data-testid="compound-dialog"
      >
        {editing !== null && <CompoundForm compound={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function CompoundForm({ compound, onDone }: { compound?: Compound; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const [values, setValues] = useState({
    name: compound?.name ?? '',
    address: compound?.address ?? '',
    gridId: compound?.gridId ?? '',
    position: positionFields(compound?.position),
  });
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const issueAt = (...paths: string[]) => {
    const found = paths.map((p) => error?.issues?.find((i) => i.path.join('.') === p)).find(Boolean);
    return found ? <IssueText issue={found} parent={error ?? undefined} /> : undefined;
  };
  const save = async () => {
    const { position, problems } = readPosition(values.position, ['position']);
    const input = {
      ...(compound ? { id: compound.id, version: compound.version } : {}),
      name: values.name,
      address: values.address.trim() || undefined,
      gridId: values.gridId || null,
      position,
    };
    const parsed = contract['eldercare.compounds.save'].input.safeParse(input);
    const issues: ContractIssue[] = [...problems.map((p) => ({ ...p, message: '' })), ...(parsed.success ? [] : toContractIssues(parsed.error))];
    if (issues.length) {
      setError({ code: 'INVALID_INPUT', message: '', issues });
      return;
    }
    setError(null);
    setSaving(true);
    try {
      const saved = await api.call('eldercare.compounds.save', input);
      notifySuccess(t, t('eldercare.facilitiesUi.compounds.saved', { name: saved.name }));
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };
  const known = new Set(['name', 'address', 'gridId', 'position', 'position.lng', 'position.lat', 'position.crs']);
  const unplaced = error && (!error.issues?.length || error.issues.some((i) => !known.has(i.path.join('.'))));
  return (
    <EnterForm
      onSubmit={(e) => {
        e?.preventDefault();
        void save();
      }}
      data-testid="compound-form"
    >
      <Stack gap="sm">
        <TextInput label={t('eldercare.facilitiesUi.compounds.name')} required value={values.name} onChange={(e) => setValues({ ...values, name: e.currentTarget.value })} error={issueAt('name')} data-testid="compound-name" />
        <TextInput label={t('eldercare.facilitiesUi.fields.address')} value={values.address} onChange={(e) => setValues({ ...values, address: e.currentTarget.value })} error={issueAt('address')} data-testid="compound-address" />
        <NativeSelect
          label={t('eldercare.facilitiesUi.fields.grid')}
          value={values.gridId}
          data={[{ value: '', label: t('eldercare.facilitiesUi.none') }, ...(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
          onChange={(e) => setValues({ ...values, gridId: e.currentTarget.value })}
          error={issueAt('gridId')}
          data-testid="compound-grid"
        />
        <PositionInput
          value={values.position}
          onChange={(position) => setValues({ ...values, position })}
          errors={{ lng: issueAt('position.lng', 'position'), lat: issueAt('position.lat'), crs: issueAt('position.crs') }}
          testId="compound-position"
        />
        {unplaced && (
          <Alert color="red" role="alert" data-testid="compound-error">
            {error.issues?.length ? error.issues.map((i, n) => <IssueText key={n} issue={i} parent={error} />) : <ErrorText error={error} />}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="compound-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}