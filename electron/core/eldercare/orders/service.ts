import type { PartHandlers } from '../../handlers';
import type { ordersContract } from '../../../../shared/contract';

/** Service orders, one-off and recurring (to be filled by its part). */
export const ORDER_TABLES = ['service_series', 'service_orders'] as const;
export const ordersHandlers: PartHandlers<typeof ordersContract> = {};
