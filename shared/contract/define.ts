import type { z } from 'zod';
import type { Permission } from '../domain/roles';

/**
 * Who may call a method: `public` needs no login (setup, login), `session` any logged-in user,
 * otherwise the named permission. Checked by the core dispatcher, never only by the UI.
 */
export type Access = 'public' | 'session' | Permission;

/**
 * `query` reads, `mutation` writes, `job` starts long work that reports `job.progress` events,
 * can be cancelled, and delivers its output in `job.finished`.
 */
export type MethodKind = 'query' | 'mutation' | 'job';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, K extends MethodKind = MethodKind> {
  input: I;
  output: O;
  access: Access;
  kind: K;
  /** May be called while the session is idle-locked (unlock, logout, session). */
  whileLocked?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType, K extends MethodKind>(def: MethodDef<I, O, K>): MethodDef<I, O, K> {
  return def;
}

export type ContractShape = Record<string, MethodDef>;
