/**
 * The one contract: every method the app offers, with its input, output and required access.
 * The core's handler map, the IPC loop, the preload's allowlist (at build time), the renderer client
 * and the HTTP transport are all derived from this object. Add a feature by adding its section file
 * and one line here (with its `export *`).
 */
import type { z } from 'zod';
import { accountsContract } from './accounts';
import { officeContract } from './office';
import { systemContract } from './system';
import { backupContract } from './backup';
import { residentsContract } from './residents';
import { householdsContract } from './households';
import { gridsContract } from './grids';
import { demoContract } from './demo';
import { auditContract } from './audit';
import { importsContract } from './imports';
import { draftsContract } from './drafts';
import { alertsContract } from './alerts';
import { eldercareContract } from './eldercare';
import { syncContract } from './sync';
import type { ContractShape } from './define';

export const contract = {
  ...officeContract,
  ...accountsContract,
  ...systemContract,
  ...backupContract,
  ...residentsContract,
  ...householdsContract,
  ...gridsContract,
  ...demoContract,
  ...auditContract,
  ...importsContract,
  ...draftsContract,
  ...alertsContract,
  ...eldercareContract,
  ...syncContract,
} satisfies ContractShape;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type JobMethodName = { [M in MethodName]: Contract[M]['kind'] extends 'job' ? M : never }[MethodName];

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './define';
export * from './result';
export * from './events';
export * from './issues';
export * from './common';
export * from './accounts';
export * from './office';
export * from './system';
export * from './backup';
export * from './residents';
export * from './households';
export * from './grids';
export * from './demo';
export * from './audit';
export * from './imports';
export * from './drafts';
export * from './alerts';
export * from './eldercare';
export * from './sync';
export * from './bridge';
export * from './file-dialogs';
export * from './nesting';
