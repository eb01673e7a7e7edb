import { Button, Code, Group } from '@mantine/core';

/** The recovery key, large and monospaced so it can be copied by hand, with a print button. */
export function RecoveryKeyDisplay({ recoveryKey, printLabel }: { recoveryKey: string; printLabel: string }) {
  return (
    <>
      <Code block fz="lg" ta="center" data-testid="recovery-key">
        {recoveryKey}
      </Code>
      <Group>
        <Button variant="default" onClick={() => window.print()}>
          {printLabel}
        </Button>
      </Group>
    </>
  );
}
