/**
 * A path chosen in one of the system's dialogs (file-picker.tsx), shown read-only beside the button
 * that opens the dialog — a clerk never types a path — then whatever other buttons the screen adds.
 */
import type { ReactNode } from 'react';
import { Button, Group, TextInput, type GroupProps } from '@mantine/core';
import type { ChosenFile } from '../../../../shared/contract';

export function ChosenPath({
  label,
  description,
  placeholder,
  value,
  testId,
  chooseLabel,
  chooseTestId,
  choose,
  onChosen,
  disabled,
  gap,
  error,
  children,
}: {
  label: string;
  description?: string;
  /** Shown while nothing is chosen. */
  placeholder: string;
  /** What was chosen (its path is shown), or null. */
  value: ChosenFile | null;
  testId: string;
  chooseLabel: string;
  chooseTestId: string;
  /** Opens the dialog; null when the clerk cancels it. */
  choose(): Promise<ChosenFile | null>;
  onChosen(file: ChosenFile): void;
  disabled?: boolean;
  gap?: GroupProps['gap'];
  /** The core's message for this field (a file that is not what was asked for), under it. */
  error?: ReactNode;
  /** More buttons after the choose button. */
  children?: ReactNode;
}) {
  return (
    <Group align="flex-end" gap={gap}>
      <TextInput style={{ flex: 1 }} readOnly label={label} description={description} placeholder={placeholder} value={value?.path ?? ''} error={error} data-testid={testId} />
      <Button
        variant="default"
        disabled={disabled}
        onClick={() =>
          void choose().then((chosen) => {
            if (chosen) onChosen(chosen);
          })
        }
        data-testid={chooseTestId}
      >
        {chooseLabel}
      </Button>
      {children}
    </Group>
  );
}
