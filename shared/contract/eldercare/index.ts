/**
 * 养老服务 elderly care: the module's contract section, one file per part. Every method is named
 * `eldercare.<part>.<verb>`; the core's eldercare feature serves them all.
 */
import { eldercareSettingsContract } from './settings';
import { facilitiesContract } from './facilities';
import { careContract } from './care';
import { ordersContract } from './orders';
import { statsContract } from './stats';
import { coverageContract } from './coverage';

export const eldercareContract = {
  ...eldercareSettingsContract,
  ...facilitiesContract,
  ...careContract,
  ...ordersContract,
  ...statsContract,
  ...coverageContract,
};

export * from './common';
export * from './settings';
export * from './facilities';
export * from './care';
export * from './orders';
export * from './stats';
export * from './coverage';
