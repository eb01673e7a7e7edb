/** The care and orders share of the elderly-care demo (profiles, assessments, a year of orders): filled in once those parts land. */
import type { Ctx, JobControl } from '../../context';
import type { WriteContext } from '../../db/writes';
import type { DemoResident } from './repository';

export interface CareDemoInput {
  r: () => number;
  residents: readonly DemoResident[];
  facilities: ReadonlyArray<{ id: string; services: ReadonlyArray<{ code: string; days: number[] }>; gridId: string | null }>;
  today: string;
  inBatches<T>(ctx: Ctx, items: readonly T[], write: (w: WriteContext, item: T) => void, checkpoint: () => Promise<void>): Promise<void>;
}

export async function writeCareDemo(_ctx: Ctx, _job: JobControl, _input: CareDemoInput): Promise<Record<string, number>> {
  return {};
}
