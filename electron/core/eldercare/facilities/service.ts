import type { PartHandlers } from '../../handlers';
import type { facilitiesContract } from '../../../../shared/contract';

/** Facilities, licences, inspections, compounds and residents' places (to be filled by its part). */
export const FACILITY_TABLES = ['compounds', 'resident_places', 'facilities', 'facility_licences', 'facility_inspections'] as const;
export const facilitiesHandlers: PartHandlers<typeof facilitiesContract> = {};
