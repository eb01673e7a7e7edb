/**
 * 居住位置 on the resident page: the compound (小区) a resident lives in, and their own point where it
 * differs (a bungalow outside any compound, a surveyed house). The service circle uses their own point
 * if entered, else their compound's.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContractError, Resident, ResidentPlace } from '../../../../../shared/contract';
import { contract } from '../../../../../shared/contract';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { PositionInput, PositionText, positionFields, readPosition, type PositionFields } from '../facilities/position-input';

export function PlaceSection({ resident }: { resident: Resident }) {
  const { t } = useTranslation();
  const can = useCan();
  const place = useContractQuery('eldercare.places.get', { residentId: resident.id });
  const [editing, setEditing] = useState(false);
  if (!place.data) return null;
  const p = place.data;
  return (
    <Stack gap={4} data-testid="place-section">
      <Group gap="xs" align="baseline">
        <Text size="sm" fw={600}>
          {t('eldercare.place.title')}
        </Text>
        <Text size="sm" data-testid="place-summary">
          {p.source === 'none' ? t('eldercare.place.none') : p.source === 'own' ? t('eldercare.place.own') : t('eldercare.place.compound', { compound: p.compoundName ?? '' })}
        </Text>
        {can('records.write') && resident.status === 'active' && (
          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)} data-testid="place-edit">
            {t('eldercare.place.edit')}
          </Button>
        )}
      </Group>
      {p.effective && (
        <Text size="xs">
          <PositionText position={p.effective} />
        </Text>
      )}
      {editing && <PlaceDialog residentId={resident.id} place={p} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function PlaceDialog({ residentId, place, onClose }: { residentId: string; place: ResidentPlace; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const compounds = useContractQuery('eldercare.compounds.list', {});
  const [compoundId, setCompoundId] = useState(place.compoundId ?? '');
  const [own, setOwn] = useState<PositionFields>(positionFields(place.own));
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);
  const issue = (field: string) => error?.issues?.find((i) => i.path.join('.') === field || i.path.join('.').startsWith(`${field}.`));
  const at = (field: string) => {
    const found = issue(field);
    return found ? <IssueText issue={found} parent={error ?? undefined} /> : undefined;
  };

  const save = async () => {
    setError(null);
    const read = readPosition(own, ['position']);
    if (read.problems.length) {
      setError({ code: 'INVALID_INPUT', message: '', issues: read.problems.map((p) => ({ ...p, message: '' })) } as ContractError);
      return;
    }
    const input = { residentId, version: place.version, compoundId: compoundId || null, position: read.position };
    const checked = contract['eldercare.places.set'].input.safeParse(input);
    if (!checked.success) {
      setError({ code: 'INVALID_INPUT', message: '', issues: checked.error.issues.map((i) => ({ code: i.message, path: i.path as (string | number)[], message: '', params: {} })) } as ContractError);
      return;
    }
    setSaving(true);
    try {
      await api.call('eldercare.places.set', input);
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('eldercare.place.dialogTitle')} size="lg">
      <Stack gap="sm">
        <NativeSelect
          label={t('eldercare.place.compoundLabel')}
          value={compoundId}
          onChange={(e) => setCompoundId(e.currentTarget.value)}
          data={[{ value: '', label: t('eldercare.place.noCompound') }, ...(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          error={at('compoundId')}
          data-testid="place-compound"
        />
        <Text size="sm">{t('eldercare.place.ownHint')}</Text>
        <PositionInput value={own} onChange={setOwn} errors={{ lng: at('position.lng') ?? at('position'), lat: at('position.lat'), crs: at('position.crs') }} testId="place-own" />
        {error && !error.issues?.length && (
          <Alert color="red" role="alert">
            <ErrorText error={error} />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving} data-testid="place-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
