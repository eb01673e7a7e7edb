import { Progress, Text } from '@mantine/core';

/** A running job's bar and its "done / total" line: the shape every job section shows while it works. */
export function RunningJob({ done, total, label, text, testId }: { done: number; total: number; label: string; text: string; testId?: string }) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div>
      <Progress value={percent} animated aria-label={label} data-testid={testId} />
      <Text size="xs" c="dimmed" mt={4}>
        {text}
      </Text>
    </div>
  );
}
