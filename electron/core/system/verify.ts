/**
 * A full check of the open database (`civicdesk verify`, `system.verify`): SQLite's integrity_check
 * over every page and index, the change log's sequence without gaps or a cut-off end, and the key
 * slot file — that it parses, belongs to this office, has a recovery slot, and that every active
 * user has a slot that names them (a user without one could not sign in to the sealed database).
 */
import fs from 'node:fs';
import type { Ctx, JobControl } from '../context';
import { listUsers } from '../accounts';
import { findOffice } from '../office';
import { readKeyFile, type KeyFile } from '../db/keystore';
import { cipherOf, type PageCipher } from '../db/connection';
import { integrityProblems } from '../backup';
import { changeLogBounds, changeSeqPage } from './repository';

const PAGE = 5000;

export interface VerifyReport {
  ok: boolean;
  integrity: { ok: boolean; problems: string[] };
  changeLog: { ok: boolean; entries: number; problems: string[] };
  keySlots: { ok: boolean; encrypted: boolean; cipher: PageCipher | null; slots: number; problems: string[] };
}

export async function verifyDatabase(ctx: Ctx, job: JobControl): Promise<VerifyReport> {
  await job.checkpoint(0, 3);
  const integrity = integrityProblems(ctx.db, 50);
  await job.checkpoint(1, 3);
  const changeLog = await walkChangeLog(ctx, job);
  await job.checkpoint(2, 3);
  const keySlots = checkKeySlots(ctx);
  await job.checkpoint(3, 3);
  return {
    ok: integrity.length === 0 && changeLog.problems.length === 0 && keySlots.problems.length === 0,
    integrity: { ok: integrity.length === 0, problems: integrity },
    changeLog: { ok: changeLog.problems.length === 0, ...changeLog },
    keySlots: { ok: keySlots.problems.length === 0, ...keySlots },
  };
}

/** The change log must run 1, 2, 3 … with no gap, up to the last number ever issued. */
async function walkChangeLog(ctx: Ctx, job: JobControl): Promise<{ entries: number; problems: string[] }> {
  const problems: string[] = [];
  const { minSeq, maxSeq, issuedSeq } = changeLogBounds(ctx.db);
  if (minSeq !== null && minSeq !== 1) problems.push(`change log starts at ${minSeq}, not 1`);
  let expected = minSeq ?? 1;
  let entries = 0;
  let after = 0;
  for (;;) {
    const page = changeSeqPage(ctx.db, after, PAGE);
    if (page.length === 0) break;
    for (const seq of page) {
      if (seq !== expected && problems.length < 50) problems.push(`change log gap: expected ${expected}, found ${seq}`);
      expected = seq + 1;
    }
    entries += page.length;
    after = page[page.length - 1];
    await job.checkpoint(1, 3);
  }
  if (issuedSeq !== null && issuedSeq > (maxSeq ?? 0)) problems.push(`change log ends at ${maxSeq ?? 0}, but entries up to ${issuedSeq} were written`);
  return { entries, problems };
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const bytesOf = (text: string) => (B64.test(text) ? Buffer.from(text, 'base64').length : -1);

function checkKeySlots(ctx: Ctx): { encrypted: boolean; cipher: PageCipher | null; slots: number; problems: string[] } {
  const vault = ctx.services.vault;
  const encrypted = vault.databaseKey !== undefined;
  const cipher = encrypted ? cipherOf(ctx.db) : null;
  const slotFile = vault.slotFile;
  const problems: string[] = [];
  if (!fs.existsSync(slotFile)) {
    if (encrypted) problems.push(`the key slot file ${slotFile} is missing: nobody could open the database after a restart`);
    return { encrypted, cipher, slots: 0, problems };
  }
  let keys: KeyFile | undefined;
  try {
    keys = readKeyFile(vault.dbPath);
  } catch (error) {
    problems.push(`the key slot file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!keys) return { encrypted, cipher, slots: 0, problems };
  if (!encrypted) problems.push('a key slot file sits beside a database that is not encrypted');

  const office = findOffice(ctx.db);
  if (office && keys.office?.code !== office.code) problems.push(`the key slots name office ${keys.office?.code}, the database ${office.code}`);
  const recovery = keys.slots.filter((s) => s.kind === 'recovery');
  if (recovery.length !== 1) problems.push(`${recovery.length} recovery key slots (expected exactly 1)`);
  keys.slots.forEach((slot, i) => {
    const where = slot.kind === 'user' ? `slot of ${slot.username ?? slot.userId ?? `#${i}`}` : 'recovery slot';
    if (slot.kdf?.alg !== 'scrypt' || !(slot.kdf.logN >= 10 && slot.kdf.logN <= 22)) problems.push(`${where}: unexpected key derivation settings`);
    if (bytesOf(slot.kdf?.salt ?? '') !== 16 || bytesOf(slot.iv) !== 12 || bytesOf(slot.tag) !== 16 || bytesOf(slot.wrapped) !== 32) {
      problems.push(`${where}: malformed (salt, iv, tag or wrapped key has the wrong length)`);
    }
  });

  const users = listUsers(ctx.db);
  const slotOf = new Map(keys.slots.filter((s) => s.kind === 'user').map((s) => [s.userId, s]));
  for (const slot of slotOf.values()) {
    const user = users.find((u) => u.id === slot.userId);
    if (!user) problems.push(`slot of ${slot.username ?? slot.userId}: no such user`);
    else if (slot.username?.toLowerCase() !== user.username.toLowerCase()) problems.push(`slot of ${slot.username}: the user is now called ${user.username}`);
  }
  if (encrypted) {
    for (const user of users.filter((u) => !u.disabled && !slotOf.has(u.id))) problems.push(`user ${user.username} has no key slot and could not sign in after a restart`);
  }
  return { encrypted, cipher, slots: keys.slots.length, problems };
}
