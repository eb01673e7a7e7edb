import type { SectionHandlers } from '../handlers';
import { schemaVersion } from '../db/migrate';
import { changeLogBounds, changeSeqPage, listChanges, quickCheck } from './repository';
import { verifyDatabase } from './verify';

const PAGE = 5000;

/** The section's handlers but the background check's state, which the host holds (see ./feature.ts). */
export const systemHandlers: Omit<SectionHandlers<'system'>, 'system.databaseCheck'> = {
  'system.info': (_input, ctx) => {
    const office = ctx.office();
    return {
      schemaVersion: schemaVersion(ctx.db),
      appVersion: ctx.services.appVersion,
      office: { code: office.code, name: office.name, divisionCode: office.divisionCode },
      counts: ctx.services.records.counts(ctx.db),
    };
  },

  'system.changes.list': (input, ctx) => listChanges(ctx.db, input),

  /** Quick-check the file, then walk the change log in pages looking for gaps in the sequence. */
  'system.checkIntegrity': async (_input, ctx, job) => {
    const problems = quickCheck(ctx.db);
    const { count, minSeq, maxSeq, issuedSeq } = changeLogBounds(ctx.db);
    let expected = minSeq ?? 1;
    if (minSeq !== null && minSeq !== 1) problems.push(`change log starts at ${minSeq}, not 1`);
    let seen = 0;
    let after = 0;
    for (;;) {
      await job.checkpoint(seen, count);
      const page = changeSeqPage(ctx.db, after, PAGE);
      if (page.length === 0) break;
      for (const seq of page) {
        if (seq !== expected) problems.push(`change log gap: expected ${expected}, found ${seq}`);
        expected = seq + 1;
      }
      seen += page.length;
      after = page[page.length - 1];
    }
    await job.checkpoint(seen, count);
    if (issuedSeq !== null && issuedSeq > (maxSeq ?? 0)) problems.push(`change log ends at ${maxSeq ?? 0}, but entries up to ${issuedSeq} were written`);
    return { ok: problems.length === 0, changeLogEntries: seen, problems };
  },

  'system.verify': (_input, ctx, job) => verifyDatabase(ctx, job),
};
