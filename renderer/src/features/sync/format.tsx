/** How sync reads on screen: sizes and counts in the language's number format, the bureau's statuses and reasons, record tables' names. */
import type { ReactNode } from 'react';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { toContractIssues, type ContractError, type ContractIssue, type IntakeStatusName } from '../../../../shared/contract';
import { catalogs } from '../../../../shared/i18n';
import { CallErrorText, IssueText } from '../../app/forms/contract-errors';
import { currentLanguage } from '../../app/i18n/i18n';

/** Colour goes with the status's words, never instead of them. */
export const INTAKE_STATUS_COLOURS: Record<IntakeStatusName, string> = { applied: 'green', duplicate: 'gray', held: 'orange', rejected: 'red' };

type ReasonCode = keyof (typeof catalogs)['zh-CN']['sync']['reasons'];
type TableName = keyof (typeof catalogs)['zh-CN']['syncUi']['tables'];

function isReasonCode(code: string): code is ReasonCode {
  return Object.prototype.hasOwnProperty.call(catalogs['zh-CN'].sync.reasons, code);
}

function isTableName(name: string): name is TableName {
  return Object.prototype.hasOwnProperty.call(catalogs['zh-CN'].syncUi.tables, name);
}

/** `1,234`, `12.5` in the language on screen. */
export function useFormatNumber() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(currentLanguage(i18n), { maximumFractionDigits: 1 });
  return (value: number) => format.format(value);
}

/** A file's size: bytes below 1 KB, then KB, then MB, one decimal at most. */
export function useFormatSize() {
  const { t } = useTranslation();
  const number = useFormatNumber();
  return (bytes: number) => {
    if (bytes < 1024) return t('syncUi.size.bytes', { value: number(bytes) });
    if (bytes < 1024 ** 2) return t('syncUi.size.kb', { value: number(bytes / 1024) });
    return t('syncUi.size.mb', { value: number(bytes / 1024 ** 2) });
  };
}

/** "第 1、2、5 号" for a list of bundle sequence numbers. */
export function useSequenceList() {
  const { t } = useTranslation();
  return (sequences: readonly number[]) => t('syncUi.sequences', { list: sequences.join(t('syncUi.listSeparator')) });
}

/**
 * Why the bureau held or refused a bundle: a code under `sync.reasons`. `waiting_for` names the
 * missing bundle: the intake says which (its result's `params.missing`); a receipt does not, so the
 * office's page passes the first bundle after the acknowledged one; with neither, no number.
 */
export function useReasonText() {
  const { t } = useTranslation();
  return (reason: string | null | undefined, missing?: number): string | null => {
    if (!reason) return null;
    if (reason === 'waiting_for' && missing === undefined) return t('syncUi.waitingForEarlier');
    if (isReasonCode(reason)) return t(`sync.reasons.${reason}`, { missing: missing ?? '' });
    return t('syncUi.reasonOther', { code: reason });
  };
}

/** "居民 120 人" and the like for a record table; tables this version has no words for keep their name. */
export function useTableCount() {
  const { t } = useTranslation();
  const number = useFormatNumber();
  return (table: string, count: number) =>
    isTableName(table) ? t(`syncUi.tables.${table}`, { count: number(count) }) : t('syncUi.tableOther', { table, count: number(count) });
}

/**
 * Record tables in the order a reader looks for them: residents and households first, then as the
 * catalog lists them. Tables with nothing in them are left out: the bureau counts every table it
 * knows for every office, and a line of zeros says nothing an empty list does not.
 */
export function orderedCounts(counts: Record<string, number>): [string, number][] {
  const order = Object.keys(catalogs['zh-CN'].syncUi.tables);
  const rank = (table: string) => (order.includes(table) ? order.indexOf(table) : order.length);
  return Object.entries(counts)
    .filter(([, value]) => value !== 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** `<folder>.<name>` keys under a catalog branch of `{ folder: { name: label } }` (figures, update kinds), in the catalog's order. */
function nestedKeys(branch: Record<string, Record<string, string>>): string[] {
  return Object.entries(branch).flatMap(([folder, names]) => Object.keys(names).map((name) => `${folder}.${name}`));
}

function hasNested(branch: Record<string, Record<string, string>>, key: string): boolean {
  const [folder, name, ...rest] = key.split('.');
  return rest.length === 0 && name !== undefined && Object.prototype.hasOwnProperty.call(branch, folder) && Object.prototype.hasOwnProperty.call(branch[folder], name);
}

/** What the bureau may publish: the kinds this version of the app has words for (each a feature's `bureauUpdates`). */
export const UPDATE_KINDS: readonly string[] = nestedKeys(catalogs['zh-CN'].sync.updateKinds);

/** A figure's or an update kind's name on screen (`eldercare.person_times` → 养老服务人次); an unknown key as it is. */
export function useSyncLabels() {
  const { t } = useTranslation();
  return {
    figure: (key: string) => (hasNested(catalogs['zh-CN'].sync.figures, key) ? t(`sync.figures.${key}` as 'sync.figures.eldercare.person_times') : key),
    updateKind: (kind: string) => (hasNested(catalogs['zh-CN'].sync.updateKinds, kind) ? t(`sync.updateKinds.${kind}` as 'sync.updateKinds.eldercare.standards') : kind),
  };
}

export function IntakeStatusBadge({ status, testId = 'intake-status' }: { status: IntakeStatusName; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={INTAKE_STATUS_COLOURS[status]} tt="none" data-testid={testId} data-status={status}>
      {t(`sync.statuses.${status}`)}
    </Badge>
  );
}

/** A failed call's message: the shared one (app/forms/contract-errors.tsx). */
export const SyncErrorText = CallErrorText;

/**
 * What a form shows under each field: the contract's own schema checked here first (a missing file,
 * an empty code), else the core's answer. `rest` is the error for the alert under the form: one whose
 * issues name none of the form's fields.
 */
export function fieldIssues(
  checked: readonly ContractIssue[],
  error: ContractError | null | undefined,
  fields: readonly string[],
): { field(name: string): ReactNode; rest: ContractError | null } {
  const issues = checked.length > 0 ? checked : (error?.issues ?? []);
  const parent = checked.length > 0 ? undefined : (error ?? undefined);
  const placed = (name: string) => issues.find((issue) => issue.path.join('.') === name);
  const unplaced = checked.length === 0 && error && !fields.some((name) => placed(name)) ? error : null;
  return {
    field(name) {
      const issue = placed(name);
      return issue ? <IssueText issue={issue} parent={parent} /> : undefined;
    },
    rest: unplaced,
  };
}

/** The contract's schema's issues for a form's values (none when they would pass). */
export function schemaIssues(schema: z.ZodType, values: unknown): ContractIssue[] {
  const parsed = schema.safeParse(values);
  return parsed.success ? [] : toContractIssues(parsed.error);
}
