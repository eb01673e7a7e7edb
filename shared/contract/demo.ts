/** 演示数据 synthetic office data for demos, training and benchmarks. */
import { z } from 'zod';
import { method } from './define';

export const demoContract = {
  /** Fill the office with realistic synthetic residents and households; deterministic for a seed. */
  'demo.generate': method({
    kind: 'job',
    access: 'office.manage',
    input: z.object({ residents: z.number().int().min(1).max(2_000_000), seed: z.number().int().min(0).default(1) }),
    output: z.object({
      residents: z.number().int(),
      households: z.number().int(),
      grids: z.number().int(),
      /** What each module's demo step added, by label (facilities, service orders …). */
      added: z.record(z.string(), z.number().int()),
      ms: z.number(),
    }),
  }),
};
