/**
 * Code tables and pure rules for residents and households (居民、户). Codes are stored; labels come
 * from i18n (`codes.<table>.<code>`).
 */
import { z } from 'zod';
import { checkIdNumber, type IdCheck } from './id-number';
import type { ValidationCode } from '../i18n';

export const SEXES = ['male', 'female'] as const;
/** 与户主关系 */
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export const MARITAL_STATUSES = ['unmarried', 'married', 'widowed', 'divorced'] as const;
/** 户口类型: urban / rural hukou — decides the dibao standard that applies. */
export const HUKOU_TYPES = ['urban', 'rural'] as const;
export const EMPLOYMENT_STATUSES = ['employed', 'flexible', 'unemployed', 'retired', 'student', 'preschool', 'unable'] as const;
export const HEALTH_STATUSES = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export const RESIDENT_STATUSES = ['active', 'moved_out', 'deceased'] as const;
/** 低收入人口 categories (DOMAIN.md). */
export const LOW_INCOME_CATEGORIES = ['dibao', 'tekun', 'dibao_marginal', 'rigid_expenditure', 'relapse_monitoring', 'other_low_income'] as const;
/** 残疾类别 1 visual … 7 multiple. */
export const DISABILITY_CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
/** Tags a list can be filtered by; `older60`/`older80` are derived from the birth date. */
export const RESIDENT_TAGS = ['older60', 'older80', 'living_alone', 'empty_nest', 'left_behind', 'disabled', 'serious_illness', 'low_income'] as const;

export type Relation = (typeof RELATIONS)[number];
export type LowIncomeCategory = (typeof LOW_INCOME_CATEGORIES)[number];
export type ResidentTag = (typeof RESIDENT_TAGS)[number];

/** The ID-number problems a form or import reports, as `validation.residents.id_<code>` messages. */
export function idIssue(check: IdCheck): { code: ValidationCode; params: Record<string, string> } | null {
  if (check.valid) return null;
  return { code: `residents.id_${check.error.code}`, params: check.error.params ?? {} };
}

/** An 18-char ID or a flagged legacy 15-digit one, normalized; errors carry `residents.id_*` codes. */
export const idNumberSchema = z.string().transform((value, ctx) => {
  const check = checkIdNumber(value);
  if (!check.valid) {
    ctx.addIssue({ code: 'custom', message: `residents.id_${check.error.code}` satisfies ValidationCode, params: check.error.params });
    return z.NEVER;
  }
  return check.normalized;
});

/**
 * 残疾人证 (2nd generation): the holder's 18-char ID + category digit + grade digit. Returns an issue
 * code, or null when the certificate agrees with the ID, category and grade.
 */
export function checkDisabilityCertificate(cert: string, idNumber: string, category?: number | null, grade?: number | null): ValidationCode | null {
  const c = cert.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]\d{2}$/.test(c)) return 'residents.disability_cert_format';
  if (c.slice(0, 18) !== idNumber) return 'residents.disability_cert_id';
  const cat = Number(c[18]);
  const gr = Number(c[19]);
  if (cat < 1 || cat > 7 || gr < 1 || gr > 4) return 'residents.disability_cert_format';
  if ((category != null && category !== cat) || (grade != null && grade !== gr)) return 'residents.disability_cert_mismatch';
  return null;
}

/** Mainland mobile (1[3-9]x, 11 digits) or a landline with area code (0952-1234567). */
export const phoneSchema = z
  .string()
  .transform((v) => v.normalize('NFKC').replace(/[\s-]/g, ''))
  .refine((v) => /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}\d{7,8}$/.test(v), { message: 'residents.phone' });
