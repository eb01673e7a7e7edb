import type { SectionHandlers } from '../handlers';
import { invalidInput } from '../errors';
import { uuidv7 } from '../ids';
import { findGrid, findGridByCode, insertGrid, listGrids } from './repository';

/** 网格 grids: the community's subdivisions, each with its grid worker (网格员). */
export const gridsHandlers: SectionHandlers<'grids'> = {
  'grids.list': (_input, ctx) => listGrids(ctx.db),
  'grids.create': (input, ctx) => {
    if (findGridByCode(ctx.db, input.code)) {
      throw invalidInput(['code'], 'grids.code_taken', { code: input.code });
    }
    const id = uuidv7();
    insertGrid(ctx.write(), id, { code: input.code, name: input.name, worker: input.worker ?? null });
    return findGrid(ctx.db, id)!;
  },
};
