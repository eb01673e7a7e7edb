import type { PartHandlers } from '../../handlers';
import type { facilitiesContract } from '../../../../shared/contract';
import { ContractFailure } from '../../errors';

const notYet = (): never => {
  throw new ContractFailure('NOT_FOUND');
};

/** Facilities, licences, inspections, compounds and residents' places (being built: the contract is settled, the handlers follow). */
export const FACILITY_TABLES = ['compounds', 'resident_places', 'facilities', 'facility_licences', 'facility_inspections'] as const;
export const facilitiesHandlers: PartHandlers<typeof facilitiesContract> = {
  'eldercare.compounds.list': notYet,
  'eldercare.compounds.save': notYet,
  'eldercare.places.get': notYet,
  'eldercare.places.set': notYet,
  'eldercare.facilities.list': notYet,
  'eldercare.facilities.get': notYet,
  'eldercare.facilities.save': notYet,
  'eldercare.facilities.setStatus': notYet,
  'eldercare.licences.save': notYet,
  'eldercare.licences.remove': notYet,
  'eldercare.inspections.save': notYet,
  'eldercare.inspections.remove': notYet,
  'eldercare.alerts.scan': notYet,
  'eldercare.import.facilities': async () => notYet(),
  'eldercare.import.compounds': async () => notYet(),
};
