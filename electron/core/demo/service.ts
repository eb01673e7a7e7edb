/**
 * The demo job: writes a planned synthetic office through the same repositories as the forms
 * (change log, search index and all), in batches, each batch one transaction.
 */
import type { SectionHandlers } from '../handlers';
import type { HostHooks } from '../feature';
import { uuidv7 } from '../ids';
import { findGridByCode, insertGrid } from '../grids';
import { insertHousehold, openMembership } from '../households';
import { anyResidents, idNumberRegistered, insertResident } from '../residents';
import { checkIdNumber } from '../../../shared/domain/id-number';
import { planDemo, type DemoHousehold } from './generate';
import { finishAuditBatch, startAuditBatch } from '../audit';
import { withBulkWrites } from '../db/connection';
import type { Ctx, JobControl } from '../context';
import type { MethodOutput, ParsedInput } from '../../../shared/contract';

type DemoInput = ParsedInput<'demo.generate'>;
type DemoOutput = MethodOutput<'demo.generate'>;

const BATCH_RESIDENTS = 5000;

export const demoHandlers = (host: HostHooks): SectionHandlers<'demo'> => ({
  'demo.generate': (input, ctx, job) =>
    withBulkWrites(
      ctx.db,
      async () => {
        const register = await generate(input, ctx, job);
        // Then each module's share (facilities, care, orders …), through its own write functions.
        const added: Record<string, number> = {};
        for (const { step } of host.demoSteps()) Object.assign(added, await step(ctx, job, { seed: input.seed, residents: input.residents }));
        return { ...register, added, ms: Math.round(performance.now() - register.started) };
      },
      { largeCache: true },
    ),
});

async function generate(input: DemoInput, ctx: Ctx, job: JobControl): Promise<Omit<DemoOutput, 'added' | 'ms'> & { started: number }> {
  const started = performance.now();
  // Numbers already in the office are skipped: a second run must not meet the unique index (INTERNAL).
  // An empty office skips the lookups (about 4 % of a first run's time, profiled).
  const plan = planDemo(input.residents, input.seed, ctx.now, anyResidents(ctx.db) ? (idNumber) => idNumberRegistered(ctx.db, idNumber) : undefined);
  const gridIds: string[] = [];
  ctx.db.transaction(() => {
    const batch = startAuditBatch();
    const w = { ...ctx.write(), auditBatch: batch };
    for (let i = 0; i < plan.gridCount; i++) {
      const code = `G${String(i + 1).padStart(3, '0')}`;
      const existing = findGridByCode(ctx.db, code);
      if (existing) {
        gridIds.push(existing.id);
        continue;
      }
      const id = uuidv7();
      insertGrid(w, id, { code, name: `第${i + 1}网格`, worker: null });
      gridIds.push(id);
    }
    finishAuditBatch(w, batch, { job: 'demo.generate', seed: input.seed });
  })();

  let residents = 0;
  let households = 0;
  let batch: DemoHousehold[] = [];
  let batchSize = 0;
  const flush = () => {
    ctx.db.transaction(() => {
      // One audit entry per batch transaction, naming its change-log rows and their keyed hash: an
      // entry per row costs about half as much again as the writes themselves (measured), for
      // synthetic data nobody needs to trace row by row.
      const audit = startAuditBatch();
      const w = { ...ctx.write(), auditBatch: audit };
      for (const h of batch) {
        const householdId = uuidv7();
        const gridId = gridIds[h.gridIndex];
        const ids = h.members.map(() => uuidv7());
        insertHousehold(w, householdId, { address: h.address, gridId, headResidentId: ids[0] });
        h.members.forEach((m, i) => {
          const idCheck = checkIdNumber(m.idNumber);
          if (!idCheck.valid) throw new Error('demo produced an invalid ID');
          insertResident(w, ids[i], {
            name: m.name,
            id_number: idCheck.normalized,
            id_legacy: 0,
            birth_date: idCheck.birthDate,
            sex: idCheck.sex,
            division_code: idCheck.divisionCode,
            phone: m.phone,
            address: h.address,
            grid_id: gridId,
            household_id: householdId,
            relation: m.relation,
            ethnicity: m.ethnicity,
            marital_status: m.maritalStatus,
            hukou_type: m.hukouType,
            living_alone: m.livingAlone ? 1 : 0,
            empty_nest: m.emptyNest ? 1 : 0,
            left_behind: m.leftBehind ? 1 : 0,
            serious_illness: m.seriousIllness ? 1 : 0,
            disability_cert: m.disabilityCert,
            disability_category: m.disabilityCert ? Number(m.disabilityCert[18]) : null,
            disability_grade: m.disabilityCert ? Number(m.disabilityCert[19]) : null,
            low_income_category: m.lowIncomeCategory,
          });
          openMembership(w, { householdId, residentId: ids[i], relation: m.relation });
        });
      }
      finishAuditBatch(w, audit, { job: 'demo.generate', seed: input.seed });
    })();
    residents += batchSize;
    households += batch.length;
    batch = [];
    batchSize = 0;
  };

  for (const h of plan.households) {
    batch.push(h);
    batchSize += h.members.length;
    if (batchSize >= BATCH_RESIDENTS) {
      flush();
      await job.checkpoint(residents, input.residents);
    }
  }
  if (batch.length) flush();
  await job.checkpoint(residents, input.residents);
  return { residents, households, grids: gridIds.length, started };
}
