/** What the per-section sample files share (see ./index.ts). */
import type { MethodInput, MethodName } from '../../../shared/contract';

export interface SampleContext {
  /** A user the samples may update or reset (not the caller). */
  targetUserId: string;
  targetUserVersion: number;
  settingsVersion: number;
  /** The caller's password (unlock, change password). */
  callerPassword: string;
}

/** Well-formed UUIDv7 ids of records that do not exist. */
export const NO_SUCH = {
  resident: '0195a1b2-3c4d-7e5f-8a9b-00000000000a',
  resident2: '0195a1b2-3c4d-7e5f-8a9b-00000000000b',
  household: '0195a1b2-3c4d-7e5f-8a9b-00000000000c',
  household2: '0195a1b2-3c4d-7e5f-8a9b-00000000000d',
  job: '0195a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b',
};
/** A valid 18-digit ID number (check digit included) of a man born 1985-06-12 in Dawukou. */
export const SAMPLE_ID_NUMBER = '640202198506123016';

export type MethodSamples = { [M in MethodName]: MethodInput<M> };

/** One section's samples: the methods of one contract section file. */
export type SectionSamples = (c: SampleContext) => Partial<MethodSamples>;
