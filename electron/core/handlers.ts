/**
 * The core's side of the contract. Queries and mutations are synchronous (better-sqlite3 is, and
 * the host wraps each mutation in one transaction); jobs are async and report progress.
 */
import type { z } from 'zod';
import type { Contract, MethodName } from '../../shared/contract';
import type { Ctx, JobControl } from './context';

type Input<M extends MethodName> = z.output<Contract[M]['input']>;
type Output<M extends MethodName> = z.input<Contract[M]['output']>;

export type Handler<M extends MethodName> = Contract[M]['kind'] extends 'job'
  ? (input: Input<M>, ctx: Ctx, job: JobControl) => Promise<Output<M>>
  : (input: Input<M>, ctx: Ctx) => Output<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** A feature's handler map: exactly the methods whose names start with its prefix. */
export type SectionHandlers<P extends string> = { [M in MethodName as M extends `${P}.${string}` ? M : never]: Handler<M> };

/** The handlers of one part of a section (a module whose contract is several files): exactly that part's methods. */
export type PartHandlers<C> = { [M in keyof C & MethodName]: Handler<M> };
