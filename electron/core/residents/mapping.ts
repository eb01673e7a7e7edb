import type { Resident } from '../../../shared/contract/residents';
import { ageOn, idMaskFor } from '../../../shared/domain/id-number';
import type { ResidentTag } from '../../../shared/domain/residents';
import type { ResidentRow } from './repository';

/**
 * Storage row → contract Resident. ID numbers leave the core masked; revealing is a separate, recorded
 * call. `strict` (a role that may not reveal): the mask keeps only the division code, since the usual
 * one hides no more than the birth date shown beside it.
 */
export function toResident(row: ResidentRow, today: Date, strict = false): Resident {
  const mask = idMaskFor(!strict);
  const age = ageOn(row.birth_date, today);
  const tags: ResidentTag[] = [];
  if (age >= 60) tags.push('older60');
  if (age >= 80) tags.push('older80');
  if (row.living_alone) tags.push('living_alone');
  if (row.empty_nest) tags.push('empty_nest');
  if (row.left_behind) tags.push('left_behind');
  if (row.disability_category !== null) tags.push('disabled');
  if (row.serious_illness) tags.push('serious_illness');
  if (row.low_income_category !== null) tags.push('low_income');
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    idNumberMasked: mask(row.id_number),
    idLegacy: row.id_legacy === 1,
    birthDate: row.birth_date,
    sex: row.sex,
    age,
    divisionCode: row.division_code,
    phone: row.phone,
    phone2: row.phone2,
    address: row.address,
    gridId: row.grid_id,
    gridName: row.grid_name ?? null,
    householdId: row.household_id,
    relation: row.relation as Resident['relation'],
    ethnicity: row.ethnicity,
    maritalStatus: row.marital_status as Resident['maritalStatus'],
    hukouType: row.hukou_type as Resident['hukouType'],
    employment: row.employment as Resident['employment'],
    healthStatus: row.health_status as Resident['healthStatus'],
    livingAlone: row.living_alone === 1,
    emptyNest: row.empty_nest === 1,
    leftBehind: row.left_behind === 1,
    seriousIllness: row.serious_illness === 1,
    disabilityCertMasked: row.disability_cert ? mask(row.disability_cert.slice(0, 18)) + row.disability_cert.slice(18) : null,
    disabilityCategory: row.disability_category,
    disabilityGrade: row.disability_grade,
    lowIncomeCategory: row.low_income_category as Resident['lowIncomeCategory'],
    notes: row.notes,
    status: row.status,
    statusDate: row.status_date,
    tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
