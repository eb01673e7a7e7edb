/** The care-profile panel on the resident page (to be filled by its part). */
import type { Resident } from '../../../../../shared/contract';

export function CarePanel(_props: { resident: Resident }) {
  return null;
}
