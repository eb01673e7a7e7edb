import type { SectionHandlers } from '../handlers';
import { ContractFailure } from '../errors';

const notYet = (): never => {
  throw new ContractFailure('NOT_FOUND');
};

/** The alert inbox (being built: the contract is settled, the handlers follow). */
export const alertsHandlers: SectionHandlers<'alerts'> = {
  'alerts.list': notYet,
  'alerts.acknowledge': notYet,
  'alerts.resolve': notYet,
  'alerts.counts': notYet,
};
