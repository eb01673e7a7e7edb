import type { PartHandlers } from '../../handlers';
import type { ordersContract } from '../../../../shared/contract';
import { ContractFailure } from '../../errors';

/** Service orders, one-off and recurring. */
export const ORDER_TABLES = ['service_series', 'service_orders'] as const;
const notYet = (): never => {
  throw new ContractFailure('NOT_FOUND');
};
export const ordersHandlers: PartHandlers<typeof ordersContract> = {
  'eldercare.orders.list': notYet,
  'eldercare.orders.get': notYet,
  'eldercare.orders.create': notYet,
  'eldercare.orders.dispatch': notYet,
  'eldercare.orders.complete': notYet,
  'eldercare.orders.feedback': notYet,
  'eldercare.orders.cancel': notYet,
  'eldercare.orders.miss': notYet,
  'eldercare.series.create': notYet,
  'eldercare.series.generate': notYet,
  'eldercare.series.end': notYet,
  'eldercare.series.get': notYet,
  'eldercare.series.list': notYet,
};
