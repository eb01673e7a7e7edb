/**
 * Code tables → labels. Codes are what the core stores; what a clerk reads comes from the
 * catalogs (`codes.<table>.<code>`), so switching language relabels every list and form at once.
 */
import { useTranslation } from 'react-i18next';
import {
  DISABILITY_CATEGORIES,
  DISABILITY_GRADES,
  EMPLOYMENT_STATUSES,
  HEALTH_STATUSES,
  HUKOU_TYPES,
  LOW_INCOME_CATEGORIES,
  MARITAL_STATUSES,
  RELATIONS,
  RESIDENT_STATUSES,
  RESIDENT_TAGS,
} from '../../../../shared/domain/residents';

/** Narrow a free string (a select's value, a stored draft) to one code of a table. */
export function pickCode<T extends string>(table: readonly T[], value: unknown): T | undefined {
  return table.find((code) => code === value);
}

export function useCodes() {
  const { t } = useTranslation();
  const category = (n: number | null | undefined) => {
    const code = DISABILITY_CATEGORIES.find((c) => c === n);
    return code === undefined ? '' : t(`codes.disabilityCategory.${code}`);
  };
  const grade = (n: number | null | undefined) => {
    const code = DISABILITY_GRADES.find((g) => g === n);
    return code === undefined ? '' : t(`codes.disabilityGrade.${code}`);
  };
  return {
    relation: (code: (typeof RELATIONS)[number]) => t(`codes.relation.${code}`),
    sex: (code: 'male' | 'female') => t(`codes.sex.${code}`),
    maritalStatus: (code: (typeof MARITAL_STATUSES)[number]) => t(`codes.maritalStatus.${code}`),
    hukouType: (code: (typeof HUKOU_TYPES)[number]) => t(`codes.hukouType.${code}`),
    employment: (code: (typeof EMPLOYMENT_STATUSES)[number]) => t(`codes.employment.${code}`),
    healthStatus: (code: (typeof HEALTH_STATUSES)[number]) => t(`codes.healthStatus.${code}`),
    status: (code: (typeof RESIDENT_STATUSES)[number]) => t(`codes.status.${code}`),
    lowIncome: (code: (typeof LOW_INCOME_CATEGORIES)[number]) => t(`codes.lowIncome.${code}`),
    tag: (code: (typeof RESIDENT_TAGS)[number]) => t(`codes.tag.${code}`),
    disabilityCategory: category,
    disabilityGrade: grade,
  };
}

export type Codes = ReturnType<typeof useCodes>;

/** Options for a NativeSelect over a code table; the empty option means "not given" / "any". */
export function codeOptions<T extends string>(table: readonly T[], label: (code: T) => string, emptyLabel: string) {
  return [{ value: '', label: emptyLabel }, ...table.map((code) => ({ value: code, label: label(code) }))];
}

/** Status colours: moved-out and deceased residents must not be mistaken for current ones. */
export const STATUS_COLORS = { active: 'green', moved_out: 'gray', deceased: 'dark' } as const;
