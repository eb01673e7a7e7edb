/** 照护档案: living situation, care needs, emergency contacts, the serving facility, notes. */
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CareProfile } from '../../../../../shared/contract';
import { CONTACT_RELATIONS, LIVING_SITUATIONS, type ContactRelation, type LivingSituation } from '../../../../../shared/domain/eldercare/care';
import { useApi } from '../../../app/api/api-context';
import { useContractQuery } from '../../../app/api/queries';
import { notifySuccess } from '../../../app/components/notify';
import { useCallState } from '../orders/call-state';
import { useServiceLabels } from '../orders/format';

interface Contact {
  name: string;
  relation: ContactRelation;
  phone: string;
}

/**
 * A new profile starts from what the register says (独居, 空巢, 留守 are tags on the resident), so
 * saving without looking never contradicts it.
 */
export function ProfileDialog({
  opened,
  onClose,
  residentId,
  profile,
  registerLiving,
}: {
  opened: boolean;
  onClose(): void;
  residentId: string;
  profile: CareProfile | null;
  registerLiving: LivingSituation;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('eldercare.careUi.panel.profileTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && <ProfileForm residentId={residentId} profile={profile} registerLiving={registerLiving} onClose={onClose} />}
    </Modal>
  );
}

function ProfileForm({ residentId, profile, registerLiving, onClose }: { residentId: string; profile: CareProfile | null; registerLiving: LivingSituation; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCallState();
  const services = useServiceLabels();
  const facilities = useContractQuery('eldercare.facilities.list', { status: 'active' }, { staleTime: 60_000 });
  const [living, setLiving] = useState<LivingSituation>(profile?.living ?? registerLiving);
  const [careNeeds, setCareNeeds] = useState<string[]>(profile?.careNeeds ?? []);
  const [contacts, setContacts] = useState<Contact[]>(profile?.emergencyContacts ?? []);
  const [facilityId, setFacilityId] = useState(profile?.facilityId ?? '');
  const [notes, setNotes] = useState(profile?.notes ?? '');
  const setContact = (i: number, patch: Partial<Contact>) => setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const submit = async () => {
    const saved = await call.run(() =>
      api.call('eldercare.profile.save', {
        residentId,
        version: profile?.version ?? null,
        living,
        careNeeds,
        emergencyContacts: contacts,
        facilityId: facilityId || null,
        notes: notes.trim() || null,
      }),
    );
    if (saved) {
      notifySuccess(t, t('eldercare.careUi.panel.profileSaved'));
      onClose();
    }
  };

  const contactFields = contacts.flatMap((_, i) => [`emergencyContacts.${i}.name`, `emergencyContacts.${i}.relation`, `emergencyContacts.${i}.phone`]);
  return (
    <Stack gap="sm" data-testid="profile-form">
      <NativeSelect
        label={t('eldercare.older.living')}
        value={living}
        onChange={(e) => setLiving(e.currentTarget.value as LivingSituation)}
        data={LIVING_SITUATIONS.map((l) => ({ value: l, label: t(`eldercare.living.${l}`) }))}
        error={call.field('living')}
        data-testid="profile-living"
      />
      <Checkbox.Group label={t('eldercare.older.careNeeds')} value={careNeeds} onChange={setCareNeeds} error={call.field('careNeeds')}>
        <Group mt={4} gap="sm">
          {services.options.map((o) => (
            <Checkbox key={o.value} value={o.value} label={o.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('eldercare.older.emergencyContacts')}
        </Text>
        {contacts.map((c, i) => (
          <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
            <TextInput label={t('eldercare.careUi.panel.contactName')} value={c.name} onChange={(e) => setContact(i, { name: e.currentTarget.value })} error={call.field(`emergencyContacts.${i}.name`)} />
            <NativeSelect
              label={t('eldercare.careUi.panel.contactRelation')}
              value={c.relation}
              onChange={(e) => setContact(i, { relation: e.currentTarget.value as ContactRelation })}
              data={CONTACT_RELATIONS.map((r) => ({ value: r, label: t(`eldercare.relations.${r}`) }))}
            />
            <TextInput label={t('eldercare.careUi.panel.contactPhone')} value={c.phone} onChange={(e) => setContact(i, { phone: e.currentTarget.value })} error={call.field(`emergencyContacts.${i}.phone`)} />
            <Button variant="subtle" color="red" size="xs" mt={24} onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))}>
              {t('eldercare.careUi.panel.removeContact', { index: i + 1 })}
            </Button>
          </Group>
        ))}
        {contacts.length < 5 && (
          <Group>
            <Button variant="light" size="xs" onClick={() => setContacts((cs) => [...cs, { name: '', relation: 'child', phone: '' }])}>
              {t('eldercare.careUi.panel.addContact')}
            </Button>
          </Group>
        )}
      </Stack>
      <NativeSelect
        label={t('eldercare.careUi.panel.facilityLabel')}
        value={facilityId}
        onChange={(e) => setFacilityId(e.currentTarget.value)}
        data={[{ value: '', label: t('eldercare.careUi.panel.noFacility') }, ...(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))]}
        error={call.field('facilityId')}
      />
      <Textarea label={t('eldercare.older.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} rows={2} error={call.field('notes')} />
      {call.alert(['living', 'careNeeds', 'facilityId', 'notes', ...contactFields], 'profile-error')}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={call.busy} data-testid="profile-submit">
          {t('eldercare.older.saveProfile')}
        </Button>
      </Group>
    </Stack>
  );
}
