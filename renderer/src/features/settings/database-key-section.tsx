/**
 * 更换数据库密钥: for when someone left with a copy of an old `.keys` file or a backup. The pages are
 * rewritten under a new key as a job (progress shown, the window stays usable), every enabled user
 * keeps their password, and the new recovery key is shown once — like setup shows it.
 */
import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useJob } from '../../app/api/use-job';
import { PasswordField } from '../../app/components/password-field';
import { RecoveryKeyDisplay } from '../../app/components/recovery-key-display';
import { RunningJob } from '../../app/components/running-job';
import { ErrorText, IssueText } from '../../app/forms/contract-errors';
import { SettingsSection } from './settings-page';

export function DatabaseKeySection() {
  const { t } = useTranslation();
  const job = useJob('accounts.databaseKey.change');
  const { state } = job;
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const busy = state.status === 'starting' || state.status === 'running';

  const start = () => {
    setConfirming(false);
    void job.start({ password });
    setPassword('');
  };

  return (
    <SettingsSection title={t('settings.databaseKey.title')} testId="settings-database-key">
      <Stack gap="sm" maw={560}>
        <Text size="sm" c="dimmed">
          {t('settings.databaseKey.description')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('settings.databaseKey.limits')}
        </Text>
        {state.status !== 'succeeded' && (
          <Group align="flex-end">
            <PasswordField
              label={t('settings.recovery.password')}
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              disabled={busy}
              data-testid="database-key-password"
            />
            <Button color="orange" onClick={() => setConfirming(true)} disabled={busy || password === ''} loading={busy} data-testid="database-key-start">
              {t('settings.databaseKey.submit')}
            </Button>
          </Group>
        )}
        {state.status === 'running' && (
          <RunningJob done={state.done} total={state.total} label={t('settings.databaseKey.title')} text={t('settings.databaseKey.running')} testId="database-key-progress" />
        )}
        {state.status === 'succeeded' && (
          <Stack gap="sm" data-testid="database-key-result">
            <Alert color="orange" variant="light">
              {t('settings.databaseKey.done')}
            </Alert>
            <RecoveryKeyDisplay recoveryKey={state.output.recoveryKey} printLabel={t('settings.recovery.print')} />
            {state.output.needPassword.length > 0 && (
              <Alert color="yellow" data-testid="database-key-need-password">
                <Text size="sm">{t('settings.databaseKey.needPassword')}</Text>
                <List size="sm">
                  {state.output.needPassword.map((name) => (
                    <List.Item key={name}>{name}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Group>
              <Button variant="default" onClick={job.reset} data-testid="database-key-kept">
                {t('settings.databaseKey.kept')}
              </Button>
            </Group>
          </Stack>
        )}
        {state.status === 'failed' && (
          <Alert color={state.error.code === 'CANCELLED' ? 'gray' : 'red'} role="alert" data-testid="database-key-error">
            {state.error.issues?.length ? <IssueText issue={state.error.issues[0]} parent={state.error} /> : <ErrorText error={state.error} />}
          </Alert>
        )}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('settings.databaseKey.confirmTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('settings.databaseKey.confirm')}</Text>
          <Group justify="flex-end">
            {/* Cancel first: the key change is the step to think twice about. */}
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="orange" onClick={start} data-testid="database-key-confirm">
              {t('settings.databaseKey.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SettingsSection>
  );
}
