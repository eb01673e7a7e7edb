/**
 * Errors from the import and export jobs: their issues carry codes the catalog knows under
 * `validation.imports` (with the parameters to fill in), so they are translated here in the language
 * on screen rather than shown as the core wrote them. Codes it does not know fall back to the
 * house's general messages.
 */
import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../../shared/contract';
import type { ValidationCode } from '../../../../shared/i18n';
import { ErrorText, IssueText } from '../../app/forms/contract-errors';

/** Where an error belongs in the wizard: the file, the mapping (sheet, header rows), the report, or the step itself. */
export type ErrorPlace = 'file' | 'mapping' | 'report' | 'other';

/** File problems the clerk's own header-row or sheet choice can cause: shown by those controls. */
const LAYOUT_CODES: ReadonlySet<string> = new Set(['imports.no_header', 'imports.header_rows', 'imports.sheet_missing'] satisfies ValidationCode[]);

export function placeOf(error: ContractError): ErrorPlace {
  const issue = error.issues?.[0];
  const first = issue?.path[0];
  if (issue && LAYOUT_CODES.has(issue.code)) return 'mapping';
  if (first === 'file') return 'file';
  if (first === 'mapping' || first === 'header' || first === 'sheet') return 'mapping';
  if (first === 'reportFile') return 'report';
  return 'other';
}

export function ImportErrorAlert({ error, testId }: { error: ContractError; testId: string }) {
  const { t } = useTranslation();
  const issues = error.issues ?? [];
  return (
    <Alert color="red" variant="light" role="alert" title={t('common.errorTitle')} data-testid={testId} data-code={issues[0]?.code ?? error.code}>
      {issues.length === 0 && <ErrorText error={error} />}
      {issues.length === 1 && <IssueText issue={issues[0]} parent={error} />}
      {issues.length > 1 && (
        <List size="sm">
          {issues.map((issue, i) => (
            <List.Item key={i}>
              <IssueText issue={issue} parent={error} />
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
