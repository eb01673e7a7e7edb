/** How dialogs name a household to a clerk: by its head (户主) and its address. */
import type { TFunction } from 'i18next';
import type { Household } from '../../../../shared/contract';

export function householdLabel(t: TFunction, household: Household): string {
  const head = household.members.find((m) => m.residentId === household.headResidentId)?.name ?? household.members[0]?.name ?? '—';
  return household.address ? t('households.label', { head, address: household.address }) : t('households.labelNoAddress', { head });
}
