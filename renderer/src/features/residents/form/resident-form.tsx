/**
 * The keyboard-first register/edit form. ID first (it fills birth date, sex and age), then name,
 * phones, household, the rest. Enter moves to the next field, Ctrl+Enter (or Enter on the last
 * field) saves, Esc leaves. Every change is kept as a draft (in the office database, debounced)
 * until saved or discarded.
 */
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Kbd, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract, residentCreateSchema, type Resident } from '../../../../../shared/contract';
import { checkIdNumber } from '../../../../../shared/domain/id-number';
import { checkDisabilityCertificate } from '../../../../../shared/domain/residents';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { applyContractError, ErrorText, FormErrorAlert, IssueText, schemaValidator, type FormFeedback } from '../../../app/forms/contract-errors';
import { enterToNext } from '../../../app/forms/enter-to-next';
import { useFormatters } from '../../../app/i18n/format';
import { useCan } from '../../../app/session/session-context';
import { useDraft } from '../../../app/drafts/use-draft';
import { residentDraftKey, residentDraftOffer, type ResidentDraftPayload } from './drafts';
import { duplicateQuery, duplicatesKey, LiveDuplicateWarning, type LikelyDuplicate } from './duplicate-warning';
import { createInput, emptyValues, mergeDraft, updateInput, valuesFromResident, type ResidentFormValues } from './form-values';
import { GridSelect, HouseholdFields } from './household-fields';
import { IdNumberField } from './id-number-field';
import { OtherFields } from './other-fields';
import { residentSaved } from '../cache';

const updateSchema = contract['residents.update'].input;

interface Props {
  /** Absent: register a new resident. */
  resident?: Resident;
  onSaved: (resident: Resident) => void;
  onCancel: () => void;
  /** After STALE_VERSION: fetch the latest version (the page remounts the form with it). */
  onReload?: () => void;
}

export function ResidentForm({ resident, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const can = useCan();
  const { formatDateTime } = useFormatters();
  const draft = useDraft(residentDraftKey(resident?.id));
  const offer = residentDraftOffer(draft.offer);
  const initial = useMemo(() => (resident ? valuesFromResident(resident) : emptyValues()), [resident]);
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const [duplicateOf, setDuplicateOf] = useState<{ id: string; name: string } | null>(null);
  const [warned, setWarned] = useState<{ items: LikelyDuplicate[]; key: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Resetting the form is not an edit: it must not be written back as a draft.
  const autosave = useRef(true);

  // Uncontrolled: typing re-renders only the parts that watch a field (ID facts, duplicates).
  const form = useForm<ResidentFormValues>({
    mode: 'uncontrolled',
    initialValues: initial,
    validate: (values) => validate(values, resident),
    onValuesChange: (values) => {
      if (autosave.current) draft.save({ values, base: initial } satisfies ResidentDraftPayload, resident?.version ?? null);
    },
  });
  const revealed = form.useWatchValue('revealed');

  const save = async (confirmed: boolean) => {
    const current = form.getValues();
    const parsedCreate = resident ? null : residentCreateSchema.safeParse(createInput(current));
    const parsedUpdate = resident ? updateSchema.safeParse(updateInput(current, resident)) : null;
    if (parsedCreate?.success === false || parsedUpdate?.success === false) return; // validate() already marked the fields
    setFeedback(null);
    setDuplicateOf(null);
    setSaving(true);
    try {
      const query = duplicateQuery(current, resident);
      if (!confirmed && query) {
        const found = await api.call('residents.checkDuplicates', query);
        const foundKey = duplicatesKey(found);
        if (found.length > 0 && warned?.key !== foundKey) {
          setWarned({ items: found, key: foundKey });
          return;
        }
      }
      const saved = parsedUpdate?.success
        ? await api.call('residents.update', parsedUpdate.data)
        : parsedCreate?.success
          ? await api.call('residents.create', parsedCreate.data)
          : null;
      if (!saved) return;
      void draft.discard();
      residentSaved(queryClient, saved);
      notifications.show({ color: 'green', message: resident ? t('residents.form.updated', { name: saved.name }) : t('residents.form.created', { name: saved.name }) });
      onSaved(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const params = error.error.params ?? {};
      if (error.code === 'DUPLICATE_ID' && typeof params.existingId === 'string') {
        setDuplicateOf({ id: params.existingId, name: String(params.existingName ?? '') });
      }
      setFeedback(applyContractError(form, error.error));
      focusFirstError();
    } finally {
      setSaving(false);
    }
  };

  const focusFirstError = () => setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  // Built at submit time: the handlers reach refs, which must not happen while rendering.
  const submit = (event: FormEvent<HTMLFormElement>) => form.onSubmit(() => void save(false), focusFirstError)(event);

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
      return;
    }
    if (event.key === 'Escape') {
      // Esc first closes an open dropdown; only a second Esc leaves the form.
      if (event.target instanceof HTMLElement && event.target.getAttribute('aria-expanded') === 'true') return;
      event.preventDefault();
      leave();
      return;
    }
    enterToNext(event);
  };

  const leave = () => {
    if (form.isDirty()) notifications.show({ message: t('residents.form.draftKept') });
    onCancel();
  };

  const discard = () => {
    void draft.discard();
    autosave.current = false;
    form.setValues(initial);
    autosave.current = true;
    notifications.show({ message: t('residents.form.draftDiscarded') });
  };

  const restore = () => {
    if (!offer) return;
    form.setValues(mergeDraft(initial, offer.values, offer.base));
    draft.dismissOffer();
    const olderBase = resident !== undefined && offer.version !== undefined && offer.version !== resident.version;
    notifications.show({ color: olderBase ? 'orange' : 'green', message: olderBase ? t('residents.form.draftRestoredOlder') : t('residents.form.draftRestored') });
  };

  const reveal = async () => {
    if (!resident) return;
    try {
      const revealed = await api.call('residents.revealId', { id: resident.id, purpose: 'edit' });
      form.setValues({ idNumber: revealed.idNumber, disabilityCert: revealed.disabilityCert ?? '', revealed: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback({ error: error.error, unplaced: [] });
    }
  };

  const masked = resident && !revealed ? resident : null;
  const stale = feedback?.error.code === 'STALE_VERSION';

  return (
    <form ref={formRef} noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-label={resident ? t('residents.form.titleEdit', { name: resident.name }) : t('residents.form.titleNew')} data-testid="resident-form">
      <Stack gap="md" maw={960}>
        <Group justify="space-between" align="flex-end">
          <Title order={2}>{resident ? t('residents.form.titleEdit', { name: resident.name }) : t('residents.form.titleNew')}</Title>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Enter</Kbd> {t('residents.form.keyNext')} · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> {t('residents.form.keySave')} · <Kbd size="xs">Esc</Kbd>{' '}
            {t('residents.form.keyCancel')}
          </Text>
        </Group>

        {offer && (
          <Alert color="blue" variant="light" title={t('residents.form.draftFound', { time: formatDateTime(offer.savedAt) })} data-testid="resident-draft-offer">
            <Group gap="xs">
              <Button size="xs" onClick={restore} data-testid="resident-draft-restore">
                {t('residents.form.draftRestore')}
              </Button>
              <Button size="xs" variant="default" onClick={discard} data-testid="resident-draft-discard">
                {t('residents.form.draftDiscard')}
              </Button>
            </Group>
          </Alert>
        )}

        <Paper withBorder p="md">
          <Stack gap="sm">
            <IdNumberField
              form={form}
              autoFocus={!resident}
              duplicateOf={duplicateOf}
              masked={masked ? { idNumberMasked: masked.idNumberMasked, birthDate: masked.birthDate, sex: masked.sex, age: masked.age, legacy: masked.idLegacy } : undefined}
              action={
                masked && can('records.revealId') ? (
                  <Button variant="default" onClick={() => void reveal()} data-testid="resident-reveal-for-edit" mb={form.errors.idNumber ? 22 : 0}>
                    {t('residents.form.revealForEdit')}
                  </Button>
                ) : undefined
              }
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('residents.fields.name')}
                withAsterisk
                autoFocus={Boolean(resident)}
                autoComplete="off"
                data-testid="resident-name"
                key={form.key('name')}
                {...form.getInputProps('name')}
              />
              <TextInput label={t('residents.fields.phone')} autoComplete="off" inputMode="tel" data-testid="resident-phone" key={form.key('phone')} {...form.getInputProps('phone')} />
              <TextInput label={t('residents.fields.phone2')} autoComplete="off" inputMode="tel" data-testid="resident-phone2" key={form.key('phone2')} {...form.getInputProps('phone2')} />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('residents.form.householdSection')}
          </Title>
          {resident ? (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('residents.form.householdEditHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('residents.fields.address')} autoComplete="off" data-testid="resident-address" key={form.key('address')} {...form.getInputProps('address')} />
                <GridSelect form={form} path="gridId" label={t('residents.fields.grid')} testId="resident-grid" />
              </SimpleGrid>
            </Stack>
          ) : (
            <HouseholdFields form={form} />
          )}
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('residents.form.moreSection')}
          </Title>
          <OtherFields form={form} certMasked={masked?.disabilityCertMasked} onNotesEnter={() => formRef.current?.requestSubmit()} />
        </Paper>

        <LiveDuplicateWarning form={form} resident={resident} warned={warned} onConfirm={() => void save(true)} saving={saving} />
        {stale && onReload ? (
          // A conflict is not the clerk's mistake: say what happened and offer the one way on.
          <Alert color="orange" variant="light" title={t('common.errorTitle')} role="alert" data-testid="resident-stale">
            <Text size="sm" mb="xs">
              <ErrorText error={feedback.error} />
            </Text>
            <Button
              size="xs"
              onClick={() => {
                void draft.discard();
                onReload();
              }}
              data-testid="resident-reload-latest"
            >
              {t('residents.form.staleReload')}
            </Button>
          </Alert>
        ) : (
          <FormErrorAlert feedback={feedback} testId="resident-form-error" />
        )}

        <Group justify="space-between">
          <Button variant="subtle" color="gray" onClick={discard} data-testid="resident-discard">
            {t('residents.form.draftDiscard')}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={leave} data-testid="resident-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="resident-save">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function validate(values: ResidentFormValues, resident: Resident | undefined) {
  const input = resident ? updateInput(values, resident) : createInput(values);
  const extra: Record<string, ReactNode> = {};
  // The certificate must begin with the holder's own ID — checkable here whenever the ID is in view.
  const id = resident && !values.revealed ? null : checkIdNumber(values.idNumber);
  if (values.disabilityCert.trim() && id?.valid) {
    const problem = checkDisabilityCertificate(values.disabilityCert, id.normalized);
    if (problem) extra.disabilityCert = <IssueText issue={{ code: problem }} />;
  }
  return schemaValidator(resident ? updateSchema : residentCreateSchema, () => extra)(input);
}
