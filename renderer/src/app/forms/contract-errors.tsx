/**
 * From a ContractError to what a form shows: messages next to the fields named by
 * `issues[].path`, and one general message (`errors.<code>`) for the rest. Messages are
 * components that translate when rendered, so switching language also translates open errors.
 * Raw server text (English fallbacks, stacks) is never shown.
 */
import type { ReactNode } from 'react';
import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { UseFormReturnType } from '@mantine/form';
import { toContractIssues, type ContractError, type ContractIssue, type IssueParams } from '../../../../shared/contract';
import { isValidationCode } from '../../../../shared/i18n';

/** The general message for an error; INTERNAL always carries a reference for support. */
export function ErrorText({ error }: { error: ContractError }) {
  const { t } = useTranslation();
  const params: IssueParams = { ...error.params };
  if (error.code === 'INTERNAL') params.ref = error.ref ?? error.params?.ref ?? '—';
  return <>{t(`errors.${error.code}`, params)}</>;
}

/** One field's message: `validation.<code>`; codes the catalog does not know fall back calmly. */
export function IssueText({ issue, parent }: { issue: Pick<ContractIssue, 'code' | 'params'>; parent?: ContractError }) {
  const { t } = useTranslation();
  if (isValidationCode(issue.code)) return <>{t(`validation.${issue.code}`, issue.params ?? {})}</>;
  // e.g. `duplicate_username` under DUPLICATE_USERNAME: the error's own message says it best.
  if (parent && parent.code !== 'INVALID_INPUT') return <ErrorText error={{ ...parent, params: { ...parent.params, ...issue.params } }} />;
  return <>{t('validation.invalid')}</>;
}

/**
 * A failed call outside a form (a backup, an export to a stick): the field issues it names in their
 * own words, otherwise the general message for its code (DISK_FULL, READ_ONLY …).
 */
export function CallErrorText({ error }: { error: ContractError }) {
  const issues = error.issues ?? [];
  if (issues.length === 0) return <ErrorText error={error} />;
  if (issues.length === 1) return <IssueText issue={issues[0]} parent={error} />;
  return (
    <List size="sm">
      {issues.map((issue, index) => (
        <List.Item key={index}>
          <IssueText issue={issue} parent={error} />
        </List.Item>
      ))}
    </List>
  );
}

export interface FormFeedback {
  fieldErrors: Record<string, ReactNode>;
  /** The error for the alert under the form, or null when the field messages say it all. */
  general: { error: ContractError; unplaced: ContractIssue[] } | null;
}

/** Split an error into per-field messages (for fields the form has) and a general message. */
export function describeContractError(error: ContractError, knownFields: ReadonlySet<string>): FormFeedback {
  const fieldErrors: Record<string, ReactNode> = {};
  const unplaced: ContractIssue[] = [];
  for (const issue of error.issues ?? []) {
    const path = issue.path.join('.');
    if (knownFields.has(path) && !(path in fieldErrors)) fieldErrors[path] = <IssueText issue={issue} parent={error} />;
    else unplaced.push(issue);
  }
  const placedAll = Object.keys(fieldErrors).length > 0 && unplaced.length === 0;
  const fieldOnly = placedAll && error.code === 'INVALID_INPUT';
  return { fieldErrors, general: fieldOnly ? null : { error, unplaced } };
}

/** Dotted paths of every leaf in a form's values (`office.code`, `admin.password`). */
export function fieldPaths(values: object, prefix = ''): Set<string> {
  const paths = new Set<string>();
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const nested of fieldPaths(value, path)) paths.add(nested);
    } else {
      paths.add(path);
    }
  }
  return paths;
}

// Mantine's form type is generic over the values; any form will do here.
type AnyForm<V> = Pick<UseFormReturnType<V>, 'getValues' | 'setErrors'>;

/** Put a server error on the form's fields; returns what the alert under the form should show. */
export function applyContractError<V extends object>(form: AnyForm<V>, error: ContractError): FormFeedback['general'] {
  const feedback = describeContractError(error, fieldPaths(form.getValues()));
  if (Object.keys(feedback.fieldErrors).length > 0) form.setErrors(feedback.fieldErrors);
  return feedback.general;
}

/**
 * A Mantine `validate` function from a contract zod schema: the same schema and the same issue
 * codes the core uses, so the client says exactly what the server would.
 */
export function schemaValidator<V = unknown>(schema: z.ZodType, extra?: (values: V) => Record<string, ReactNode>) {
  return (values: V): Record<string, ReactNode> => {
    const errors: Record<string, ReactNode> = {};
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      for (const issue of toContractIssues(parsed.error)) {
        const path = issue.path.join('.');
        if (!(path in errors)) errors[path] = <IssueText issue={issue} />;
      }
    }
    for (const [path, message] of Object.entries(extra?.(values) ?? {})) {
      if (!(path in errors)) errors[path] = message;
    }
    return errors;
  };
}

/** The alert under a form. */
export function FormErrorAlert({ feedback, testId }: { feedback: FormFeedback['general']; testId?: string }) {
  const { t } = useTranslation();
  if (!feedback) return null;
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} role="alert" data-testid={testId}>
      <ErrorText error={feedback.error} />
      {feedback.unplaced.length > 0 && (
        <List size="sm" mt="xs">
          {feedback.unplaced.map((issue, i) => (
            <List.Item key={i}>
              <IssueText issue={issue} parent={feedback.error} />
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
