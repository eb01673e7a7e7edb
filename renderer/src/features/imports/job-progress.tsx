/**
 * A running job's progress: a bar, how far it is, its pace (rows/s over the last few seconds,
 * from the job's own progress reports) and the time left at that pace, with a Cancel button.
 */
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n/i18n';

export interface RunningJob {
  done: number;
  total: number;
  rate: number | null;
}

/** Seconds left at `rate` per second, or null when there is no pace yet (or no total). */
export function secondsLeft(job: RunningJob): number | null {
  if (job.rate === null || job.rate <= 0 || job.total <= 0) return null;
  return Math.max(0, Math.ceil((job.total - job.done) / job.rate));
}

export function useDuration() {
  const { t } = useTranslation();
  return (seconds: number): string => {
    if (seconds < 60) return t('importUi.progress.seconds', { s: seconds });
    if (seconds < 3600) return t('importUi.progress.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
    return t('importUi.progress.hours', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
  };
}

export function JobProgress({ job, label, onCancel, testId }: { job: RunningJob | null; label: string; onCancel?: () => void; testId: string }) {
  const { t, i18n } = useTranslation();
  const duration = useDuration();
  const number = new Intl.NumberFormat(currentLanguage(i18n));
  const percent = job && job.total > 0 ? Math.min(100, (job.done / job.total) * 100) : 0;
  const left = job ? secondsLeft(job) : null;
  const parts: string[] = [];
  if (job && job.total > 0) parts.push(t('importUi.progress.rows', { done: number.format(job.done), total: number.format(job.total) }));
  if (job?.rate) parts.push(t('importUi.progress.rate', { rate: number.format(Math.round(job.rate)) }));
  if (left !== null) parts.push(t('importUi.progress.left', { time: duration(left) }));
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{label}</Text>
        {onCancel && (
          <Button size="xs" variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
            {t('importUi.progress.cancel')}
          </Button>
        )}
      </Group>
      <Progress value={percent} animated aria-label={label} />
      <Text size="xs" c="dimmed" data-testid={`${testId}-figures`}>
        {parts.join(' · ') || '\u00a0'}
      </Text>
    </Stack>
  );
}
