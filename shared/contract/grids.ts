/** 网格 grids: the community's subdivisions, each with its grid worker (网格员). */
import { z } from 'zod';
import { method } from './define';
import { idSchema, optionalText, versionSchema } from './common';

export const gridSchema = z.object({ id: idSchema, code: z.string(), name: z.string(), worker: z.string().nullable(), version: versionSchema });
export type Grid = z.infer<typeof gridSchema>;

export const gridsContract = {
  'grids.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({}).strict(),
    output: z.array(gridSchema),
  }),
  'grids.create': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({ code: z.string().trim().min(1).max(20), name: z.string().trim().min(1).max(40), worker: optionalText(40) }),
    output: gridSchema,
  }),
};
