/**
 * The child process of the crash-safety test: writes through the real core host (registering
 * residents, moving household members) as fast as it can, and prints one line per write the core
 * acknowledged — only after the call returned, so a printed id is a promise the data is saved. The
 * parent kills it with SIGKILL at a random moment.
 *
 *   node crash-writer.cjs <dbPath> <username> <password>
 *
 * Lines: `ready`, `ack R <residentId> <householdId>` (registered), `ack M <residentId> <householdId>`
 * (moved into that household). Written with fs.writeSync so nothing sits in a stream buffer.
 */
import fs from 'node:fs';
import { CoreHost } from '../../electron/core/host';
import { silentLogger } from '../../electron/core/log';
import { composeIdNumber } from '../../shared/domain/id-number';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../shared/contract';

const [dbPath, username, password] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];

async function main(): Promise<void> {
  const host = new CoreHost({ dbPath, appVersion: 'crash-test', passwordCostLog2: 10, log: silentLogger });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => (await host.dispatch('crash', method, input)) as Result<MethodOutput<M>>;
  const login = await call('accounts.login', { username, password });
  if (!login.ok) throw new Error(`login failed: ${login.error.code}`);
  say('ready');
  for (;;) {
    const roll = Math.random();
    if (roll < 0.45) await registerNew(call);
    else if (roll < 0.65) await registerInto(call);
    else await move(call);
  }
}

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;

/** A random valid ID number; a rare clash with an existing one is refused (DUPLICATE_ID) and not acknowledged. */
function idNumber(): string {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(Math.random() * 25_000) * 86_400_000).toISOString().slice(0, 10);
  return composeIdNumber('640202', day, Math.floor(Math.random() * 1000));
}

const name = () => pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);

async function registerNew(call: Call): Promise<void> {
  const r = await call('residents.create', { name: name(), idNumber: idNumber(), household: { mode: 'new', address: '朝阳街道康乐小区' } });
  if (r.ok) say(`ack R ${r.value.id} ${r.value.householdId}`);
}

async function someResident(call: Call): Promise<{ id: string; householdId: string } | undefined> {
  const first = await call('residents.list', { limit: 1 });
  if (!first.ok || !first.value.total) return undefined;
  const page = await call('residents.list', { limit: 1, offset: Math.floor(Math.random() * first.value.total) });
  const r = page.ok ? page.value.items[0] : undefined;
  return r?.householdId ? { id: r.id, householdId: r.householdId } : undefined;
}

async function registerInto(call: Call): Promise<void> {
  const other = await someResident(call);
  if (!other) return registerNew(call);
  const r = await call('residents.create', { name: name(), idNumber: idNumber(), household: { mode: 'existing', householdId: other.householdId, relation: 'child' } });
  if (r.ok) say(`ack R ${r.value.id} ${r.value.householdId}`);
}

/** Move someone to another household or a new one; a head leaving others behind names a new head. */
async function move(call: Call): Promise<void> {
  const mover = await someResident(call);
  const target = await someResident(call);
  if (!mover) return registerNew(call);
  const household = await call('households.get', { id: mover.householdId });
  if (!household.ok) return;
  const others = household.value.members.filter((m) => m.residentId !== mover.id);
  const newHeadId = household.value.headResidentId === mover.id && others.length > 0 ? others[0].residentId : undefined;
  const to =
    target && target.householdId !== mover.householdId && Math.random() < 0.6
      ? { mode: 'existing' as const, householdId: target.householdId, relation: 'other' as const }
      : { mode: 'new' as const, address: '朝阳街道新区' };
  const r = await call('households.moveMember', { residentId: mover.id, to, ...(newHeadId ? { newHeadId } : {}) });
  if (r.ok) say(`ack M ${mover.id} ${r.value.id}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
