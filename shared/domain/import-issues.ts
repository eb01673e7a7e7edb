/**
 * What the spreadsheet import says about an invalid row (导入错误原因): the coded columns it reads
 * and the clerk-facing message for an issue code and its parameters. Shared so that the core writes
 * the error report and the CLI's output with it, and the window renders the same reasons in the
 * language on screen — switching language then needs no second check of the file.
 */
import { isValidationCode, translate, type Language } from '../i18n';
import {
  EMPLOYMENT_STATUSES,
  HEALTH_STATUSES,
  HUKOU_TYPES,
  LOW_INCOME_CATEGORIES,
  MARITAL_STATUSES,
  RELATIONS,
  SEXES,
} from './residents';

/** The import's coded columns and their codes; each code's label is `imports.values.<table>.<code>`. */
export const CODE_TABLES = {
  sex: SEXES,
  relation: RELATIONS,
  maritalStatus: MARITAL_STATUSES,
  hukouType: HUKOU_TYPES,
  employment: EMPLOYMENT_STATUSES,
  healthStatus: HEALTH_STATUSES,
  lowIncomeCategory: LOW_INCOME_CATEGORIES,
} as const;
export type CodeTable = keyof typeof CODE_TABLES;
export type CodeOf<T extends CodeTable> = (typeof CODE_TABLES)[T][number];

/**
 * The clerk-facing message for an issue, in `language`: `validation.<code>` (the form's codes and the
 * import's own `imports.*`); a code the catalog does not know gets the general "invalid" message.
 */
export function issueMessage(language: Language, code: string, params: Record<string, string | number>): string {
  const shown = { ...params };
  if (code === 'imports.unknown_value' && typeof params.table === 'string') shown.allowed = allowedLabels(language, params.table);
  if (code === 'imports.sex_mismatch' && typeof params.idSex === 'string') shown.idSex = translate(language, `imports.values.sex.${params.idSex}`);
  return translate(language, isValidationCode(code) ? `validation.${code}` : 'validation.invalid', shown);
}

/** The labels a coded column accepts (是/否 for the flag columns), as a list in `language`. */
function allowedLabels(language: Language, table: string): string {
  const sep = language === 'en' ? ', ' : '、';
  if (table === 'flag') return [translate(language, 'imports.values.flag.yes'), translate(language, 'imports.values.flag.no')].join(sep);
  const codes = (CODE_TABLES as Record<string, readonly string[]>)[table] ?? [];
  return codes.map((c) => translate(language, `imports.values.${table}.${c}`)).join(sep);
}
