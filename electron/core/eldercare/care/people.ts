/**
 * How every elderly-care list names a person: name, ID masked for the caller (decided once per call),
 * birth date and sex — and the office's "today" as a Beijing calendar date.
 */
import type { Ctx } from '../../context';
import type { PersonRef } from '../../../../shared/contract';
import { idMaskFor } from '../../../../shared/domain/id-number';
import { roleHas } from '../../../../shared/domain/roles';
import { beijingDate } from '../../../../shared/domain/eldercare/care';

/** The resident columns a repository selects for a person reference (aliases as named). */
export interface PersonColumns {
  resident_id: string;
  name: string;
  id_number: string;
  birth_date: string;
  sex: 'male' | 'female';
}

/** The caller's mask: the usual one for a role that may reveal IDs, the strict one otherwise. */
export function callerMask(ctx: Ctx): (id: string) => string {
  return idMaskFor(ctx.actor !== null && roleHas(ctx.actor.role, 'records.revealId'));
}

export function personRef(row: PersonColumns, mask: (id: string) => string): PersonRef {
  return { residentId: row.resident_id, name: row.name, idMasked: mask(row.id_number), birthDate: row.birth_date, sex: row.sex };
}

/** Today in the office's calendar (China: UTC+8), from the call's fixed clock. */
export function todayOf(ctx: Ctx): string {
  return beijingDate(ctx.now);
}
