/** 数据库检查: the integrity check runs as a job, so the window stays usable while it works. */
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useJob } from '../../app/api/use-job';
import { ErrorText } from '../../app/forms/contract-errors';
import { SettingsSection } from './settings-page';
import { RunningJob } from '../../app/components/running-job';

export function IntegritySection() {
  const { t } = useTranslation();
  const job = useJob('system.checkIntegrity');
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';

  return (
    <SettingsSection title={t('settings.maintenance.title')} testId="settings-maintenance">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('settings.maintenance.description')}
        </Text>
        <Group>
          <Button onClick={() => void job.start({})} loading={busy} data-testid="integrity-start">
            {t('settings.maintenance.start')}
          </Button>
          {busy && (
            <Button variant="default" onClick={() => void job.cancel()} data-testid="integrity-cancel">
              {t('settings.maintenance.cancel')}
            </Button>
          )}
        </Group>
        {state.status === 'running' && (
          <RunningJob done={state.done} total={state.total} label={t('settings.maintenance.title')} text={t('settings.maintenance.running', { done: state.done, total: state.total })} testId="integrity-progress" />
        )}
        {state.status === 'succeeded' && state.output.ok && (
          <Alert color="green" data-testid="integrity-result">
            {t('settings.maintenance.okResult', { entries: state.output.changeLogEntries })}
          </Alert>
        )}
        {state.status === 'succeeded' && !state.output.ok && (
          <Alert color="orange" data-testid="integrity-result">
            <Text size="sm">{t('settings.maintenance.problemsResult', { count: state.output.problems.length })}</Text>
            {/* Technical lines for support, not for the clerk to interpret; they come from the core in English. */}
            <Code block mt="xs">
              {state.output.problems.join('\n')}
            </Code>
          </Alert>
        )}
        {state.status === 'failed' && state.error.code === 'CANCELLED' && (
          <Alert color="gray" data-testid="integrity-result">
            {t('settings.maintenance.cancelled')}
          </Alert>
        )}
        {state.status === 'failed' && state.error.code !== 'CANCELLED' && (
          <Alert color="red" role="alert" data-testid="integrity-result">
            <ErrorText error={state.error} />
          </Alert>
        )}
      </Stack>
    </SettingsSection>
  );
}
