/** 用户管理: the office's accounts; only shown to roles with accounts.manage. */
import { useState } from 'react';
import { Alert, Badge, Box, Button, Group, Loader, NativeSelect, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContractError, MethodInput, User } from '../../../../shared/contract';
import { ROLES } from '../../../../shared/domain/roles';
import { useApi } from '../../app/api/api-context';
import { notifySuccess } from '../../app/components/notify';
import { ApiError } from '../../app/api/client';
import { contractKey, useContractQuery } from '../../app/api/queries';
import { ErrorText, FormErrorAlert } from '../../app/forms/contract-errors';
import { useFormatters } from '../../app/i18n/format';
import { useSession } from '../../app/session/session-context';
import { SettingsSection } from './settings-page';
import { CreateUserModal, RemoveUserModal, ResetPasswordModal } from './user-forms';

const USERS_KEY = contractKey('accounts.users.list', {});

export function UsersSection() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const { session } = useSession();
  const { formatDateTime } = useFormatters();
  const users = useContractQuery('accounts.users.list', {});
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [enabling, setEnabling] = useState<User | null>(null);
  const [removing, setRemoving] = useState<User | null>(null);
  const [rowError, setRowError] = useState<ContractError | null>(null);

  /** After a refused change: what the core holds now (a successful one refreshes by what it wrote). */
  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });

  const update = async (input: MethodInput<'accounts.users.update'>, done: (user: User) => string) => {
    setRowError(null);
    try {
      const user = await api.call('accounts.users.update', input);
      notifySuccess(t, done(user));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRowError(error.error);
      // The table shows what the core now holds: a refused change snaps back, a newer version shows.
      await refresh();
    }
  };

  const remove = async (target: User) => {
    setRemoving(null);
    setRowError(null);
    try {
      await api.call('accounts.users.remove', { id: target.id, version: target.version });
      notifySuccess(t, t('users.removed', { name: target.displayName }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRowError(error.error);
      await refresh();
    }
  };

  return (
    <SettingsSection title={t('users.title')} testId="users-section">
      <Group justify="flex-end" mb="sm">
        <Button onClick={() => setCreating(true)} data-testid="user-create-open">
          {t('users.create')}
        </Button>
      </Group>
      {rowError && (
        <Box mb="sm">
          {/* Row actions have no fields: every issue (e.g. remove_self) is listed in the alert. */}
          <FormErrorAlert feedback={{ error: rowError, unplaced: rowError.issues ?? [] }} testId="users-error" />
        </Box>
      )}
      {users.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {users.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={users.error.error} />
        </Alert>
      )}
      {users.data && users.data.length === 0 && <Text c="dimmed">{t('users.empty')}</Text>}
      {users.data && users.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.username')}</Table.Th>
                <Table.Th>{t('users.displayName')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>{t('users.lastLogin')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id} data-testid={`user-row-${user.username}`}>
                  <Table.Td>
                    {user.username}
                    {user.id === session.userId && t('users.you')}
                  </Table.Td>
                  <Table.Td>{user.displayName}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      size="xs"
                      aria-label={t('users.changeRole', { name: user.displayName })}
                      value={user.role}
                      data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                      data-testid={`user-role-${user.username}`}
                      onChange={(event) => {
                        const role = ROLES.find((r) => r === event.currentTarget.value);
                        if (role && role !== user.role) {
                          void update({ id: user.id, version: user.version, role }, (u) => t('users.roleChanged', { name: u.displayName, role: t(`roles.${role}`) }));
                        }
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    {/* "Locked" is judged against when the list was read, which keeps rendering pure. */}
                    {user.disabled ? (
                      <Badge color="gray">{t('users.disabled')}</Badge>
                    ) : user.lockedUntil && Date.parse(user.lockedUntil) > users.dataUpdatedAt ? (
                      <Badge color="orange">{t('users.lockedUntil', { until: formatDateTime(user.lockedUntil) })}</Badge>
                    ) : (
                      <Badge color="green">{t('users.active')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('common.never')}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        data-testid={`user-toggle-${user.username}`}
                        onClick={() =>
                          // Enabling asks for a new password: disabling removed the user's key slot.
                          user.disabled ? setEnabling(user) : void update({ id: user.id, version: user.version, disabled: true }, (u) => t('users.disabledDone', { name: u.displayName }))
                        }
                      >
                        {user.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                      {!user.disabled && (
                        <Button size="compact-sm" variant="default" data-testid={`user-reset-${user.username}`} onClick={() => setResetting(user)}>
                          {t('users.resetPassword')}
                        </Button>
                      )}
                      {user.id !== session.userId && (
                        <Button size="compact-sm" variant="default" color="red" data-testid={`user-remove-${user.username}`} onClick={() => setRemoving(user)}>
                          {t('users.remove')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          notifySuccess(t, t('users.created', { name: user.displayName }));
        }}
      />
      <RemoveUserModal user={removing} onClose={() => setRemoving(null)} onConfirm={(target) => void remove(target)} />
      <ResetPasswordModal
        user={enabling}
        enable
        onClose={() => setEnabling(null)}
        onDone={(user) => {
          setEnabling(null);
          notifySuccess(t, t('users.enabledDone', { name: user.displayName }));
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(user) => {
          setResetting(null);
          notifySuccess(t, t('users.resetDone', { name: user.displayName }));
        }}
      />
    </SettingsSection>
  );
}
