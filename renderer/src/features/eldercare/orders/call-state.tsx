/**
 * A dialog's call to the core and what became of it: messages next to the fields the refusal names,
 * and the rest (an illegal transition's reason, a stale version …) in one alert under the form.
 */
import { useState, type ReactNode } from 'react';
import type { ContractError, ContractIssue } from '../../../../../shared/contract';
import { ApiError } from '../../../app/api/client';
import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeContractError, ErrorText, IssueText } from '../../../app/forms/contract-errors';

export interface CallState {
  busy: boolean;
  error: ContractError | null;
  /** Run a call; resolves to its value, or null when the core refused (the refusal is shown). */
  run<T>(call: () => Promise<T>, onRefused?: (error: ContractError) => void): Promise<T | null>;
  /** The message for one field (by its dotted path in the input), if the refusal names it. */
  field(path: string): ReactNode | undefined;
  /** The alert for whatever no field of `fields` shows. */
  alert(fields: readonly string[], testId?: string): ReactNode;
  clear(): void;
}

export function useCallState(): CallState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const feedback = (fields: readonly string[]) => (error ? describeContractError(error, new Set(fields)) : null);
  return {
    busy,
    error,
    async run(call, onRefused) {
      setError(null);
      setBusy(true);
      try {
        return await call();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        setError(e.error);
        onRefused?.(e.error);
        return null;
      } finally {
        setBusy(false);
      }
    },
    field(path) {
      return error ? describeContractError(error, new Set([path])).fieldErrors[path] : undefined;
    },
    alert(fields, testId) {
      const general = feedback(fields)?.general;
      return general ? <RefusalAlert error={general.error} unplaced={general.unplaced} testId={testId} /> : null;
    },
    clear: () => setError(null),
  };
}

/**
 * A refusal no field shows. A refused transition is an INVALID_INPUT whose one issue is the reason
 * ("已完成的工单不能取消"): that reason alone says it, without the generic "fix the marked fields".
 */
function RefusalAlert({ error, unplaced, testId }: { error: ContractError; unplaced: ContractIssue[]; testId?: string }) {
  const { t } = useTranslation();
  const reasonsOnly = error.code === 'INVALID_INPUT' && unplaced.length > 0;
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} role="alert" data-testid={testId}>
      <Stack gap={4}>
        {!reasonsOnly && (
          <Text size="sm">
            <ErrorText error={error} />
          </Text>
        )}
        {unplaced.map((issue, i) => (
          <Text size="sm" key={i}>
            <IssueText issue={issue} parent={error} />
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
