/** 校验日志链: walks the whole chain as a job, so the window stays usable on a long trail. */
import { Alert, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useJob } from '../../app/api/use-job';
import { ErrorText } from '../../app/forms/contract-errors';
import { useAuditLabels } from './labels';
import { RunningJob } from '../../app/components/running-job';

export function VerifyChain() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const job = useJob('audit.verify');
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';

  return (
    <Paper withBorder p="lg" component="section" aria-label={t('audit.verify.title')} data-testid="audit-verify">
      <Title order={3} size="h4" mb="xs">
        {t('audit.verify.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('audit.verify.description')}
        </Text>
        <Group>
          <Button onClick={() => void job.start({})} loading={busy} data-testid="audit-verify-start">
            {t('audit.verify.start')}
          </Button>
          {busy && (
            <Button variant="default" onClick={() => void job.cancel()} data-testid="audit-verify-cancel">
              {t('audit.verify.cancel')}
            </Button>
          )}
        </Group>
        {state.status === 'running' && (
          <RunningJob done={state.done} total={state.total} label={t('audit.verify.title')} text={t('audit.verify.running', { done: state.done, total: state.total })} />
        )}
        {state.status === 'succeeded' && state.output.ok && (
          <Alert color="green" data-testid="audit-verify-result">
            <Text size="sm">{t('audit.verify.ok', { entries: state.output.entries })}</Text>
            {state.output.head && (
              // The head is what a bundle carries to the bureau; shown so it can be read out and compared.
              <Code block mt="xs" data-testid="audit-head">
                {t('audit.verify.head', { seq: state.output.head.seq, hash: state.output.head.hash })}
              </Code>
            )}
          </Alert>
        )}
        {state.status === 'succeeded' && state.output.firstBadEntry && (
          <Alert color="red" role="alert" data-testid="audit-verify-result">
            {t('audit.verify.broken', { seq: state.output.firstBadEntry.seq, reason: labels.reason(state.output.firstBadEntry.reason) })}
          </Alert>
        )}
        {state.status === 'failed' && state.error.code === 'CANCELLED' && (
          <Alert color="gray" data-testid="audit-verify-result">
            {t('audit.verify.cancelled')}
          </Alert>
        )}
        {state.status === 'failed' && state.error.code !== 'CANCELLED' && (
          <Alert color="red" role="alert" data-testid="audit-verify-result">
            <ErrorText error={state.error} />
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
