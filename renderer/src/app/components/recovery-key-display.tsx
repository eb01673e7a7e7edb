import { Button, Code, Group } from '@mantine/core';

/** The recovery key, large and monospaced so it can be copied by hand, with a print button. */
export function RecoveryKeyDisplay({ recoveryKey, printLabel }: { recoveryKey: string; printLabel: string }) {
  return (
    <>
      {/* Wider than a narrow window: it scrolls, and keyboard users scroll it by focusing it (WCAG 2.1.1). */}
      <Code block fz="lg" ta="center" tabIndex={0} data-testid="recovery-key">
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
