/** The two user dialogs of the Users section: create a user, reset a user's password. */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type User } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/domain/roles';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { PasswordField } from '../../app/components/password-field';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { NewPasswordFields, passwordRepeatErrors } from '../../app/forms/new-password-fields';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function CreateUserModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.createTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="user-create-modal">
      {/* Mounted only while open, so each opening starts with an empty form. The modal's focus
          trap puts the cursor on the field marked data-autofocus (not on the close button). */}
      {opened && <CreateUserForm onCancel={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const form = useForm<CreateValues>({
    mode: 'uncontrolled',
    initialValues: { username: '', displayName: '', role: 'clerk', password: '' },
    validate: schemaValidator(contract['accounts.users.create'].input),
  });

  const submit = form.onSubmit(async (values) => {
    setFeedback(null);
    try {
      onCreated(await api.call('accounts.users.create', values));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  return (
    <EnterForm onSubmit={submit} aria-label={t('users.createTitle')}>
      <Stack gap="sm">
        <TextInput label={t('users.username')} withAsterisk data-autofocus autoComplete="off" data-testid="user-create-username" key={form.key('username')} {...form.getInputProps('username')} />
        <TextInput label={t('users.displayName')} withAsterisk autoComplete="off" data-testid="user-create-display-name" key={form.key('displayName')} {...form.getInputProps('displayName')} />
        <NativeSelect
          label={t('users.role')}
          data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          data-testid="user-create-role"
          key={form.key('role')}
          {...form.getInputProps('role')}
          onChange={(event) => {
            if (isRole(event.currentTarget.value)) form.setFieldValue('role', event.currentTarget.value);
          }}
        />
        <PasswordField
          label={t('users.password')}
          withAsterisk
          autoComplete="new-password"
          data-testid="user-create-password"
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <FormErrorAlert feedback={feedback} testId="user-create-error" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="user-create-submit">
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}

// The contract's rule for the new password, without the id and version the dialog fills in.
const resetSchema = contract['accounts.users.resetPassword'].input.pick({ newPassword: true });

/**
 * A new password for a user: a reset, or (`enable`) enabling a disabled user — disabling removed their
 * key slot, so enabling sets the password that makes a new one.
 */
export function ResetPasswordModal({ user, enable = false, onClose, onDone }: { user: User | null; enable?: boolean; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t(enable ? 'users.enableTitle' : 'users.resetTitle', { name: user.displayName }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid={enable ? 'user-enable-modal' : 'user-reset-modal'}
    >
      {user && <ResetPasswordForm user={user} enable={enable} onCancel={onClose} onDone={onDone} />}
    </Modal>
  );
}

interface ResetValues {
  newPassword: string;
  confirm: string;
}

function ResetPasswordForm({ user, enable, onCancel, onDone }: { user: User; enable: boolean; onCancel: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const form = useForm<ResetValues>({
    mode: 'uncontrolled',
    initialValues: { newPassword: '', confirm: '' },
    validate: schemaValidator<ResetValues>(resetSchema, (v) => passwordRepeatErrors('confirm', v.newPassword, v.confirm)),
  });

  const submit = form.onSubmit(async ({ newPassword }) => {
    setFeedback(null);
    try {
      onDone(
        enable
          ? await api.call('accounts.users.update', { id: user.id, version: user.version, disabled: false, newPassword })
          : await api.call('accounts.users.resetPassword', { id: user.id, version: user.version, newPassword }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  return (
    <EnterForm onSubmit={submit} aria-label={t(enable ? 'users.enableTitle' : 'users.resetTitle', { name: user.displayName })}>
      <Stack gap="sm">
        {enable && <Text size="sm">{t('users.enableIntro')}</Text>}
        <NewPasswordFields
          form={form}
          password={{ path: 'newPassword', label: t('users.newPassword'), testId: 'user-reset-password' }}
          repeat={{ path: 'confirm', label: t('settings.password.confirm'), testId: 'user-reset-confirm' }}
          focusFirst
        />
        <FormErrorAlert feedback={feedback} testId="user-reset-error" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="user-reset-submit">
            {t(enable ? 'users.enable' : 'users.resetPassword')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}

export function RemoveUserModal({ user, onClose, onConfirm }: { user: User | null; onClose: () => void; onConfirm: (user: User) => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('users.removeTitle', { name: user.displayName }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="user-remove-modal"
    >
      {user && (
        <Stack gap="md">
          <Text size="sm">{t('users.removeConfirm', { name: user.displayName, username: user.username })}</Text>
          <Group justify="flex-end">
            {/* Cancel is focused first: removing is the step to think twice about. */}
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => onConfirm(user)} data-testid="user-remove-confirm">
              {t('users.remove')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
