/**
 * A bureau's keys and its enrollments. `bureau.init` makes an (empty, new) database a bureau: an age
 * X25519 identity that bundles are encrypted to and an Ed25519 key that signs receipts and
 * enrollment files, both kept in office_secrets — inside the encrypted file, behind the same key slots
 * and recovery key as an office's data. `bureau.enroll` writes one office's enrollment file.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../context';
import { invalidInput } from '../../errors';
import { OWNER_ONLY, writableFile } from '../../files';
import { recordAudit } from '../../audit';
import { uuidv7 } from '../../ids';
import { makeEnrollmentFile, newAgeIdentity, newOneTimeCode, newSigningKey } from '../format';
import { readSecret, SECRET, setSyncRole, syncRole, writeSecret } from '../secrets';
import { bureauIdentity as bureauIdentityRow, enrolledAt, insertBureauIdentity, insertOffice, recordChangeCount, type BureauIdentityRow } from './repository';

export type { BureauIdentityRow } from './repository';

export function bureauIdentity(ctx: Pick<Ctx, 'db'>): BureauIdentityRow | undefined {
  return bureauIdentityRow(ctx.db);
}

/** Refuses unless this database is a bureau. */
export function requireBureau(ctx: Pick<Ctx, 'db'>, field: (string | number)[] = []): BureauIdentityRow {
  const identity = bureauIdentity(ctx);
  if (!identity) throw invalidInput(field, syncRole(ctx.db) === 'office' ? 'sync.is_office' : 'sync.not_bureau');
  return identity;
}

export async function initBureau(ctx: Ctx, input: { name: string }) {
  const role = syncRole(ctx.db);
  if (role === 'bureau') throw invalidInput(['name'], 'sync.already_bureau');
  if (role === 'office') throw invalidInput(['name'], 'sync.is_office');
  const records = recordChangeCount(ctx.db);
  if (records > 0) throw invalidInput(['name'], 'sync.bureau_not_empty');
  const age = await newAgeIdentity();
  const signing = newSigningKey();
  const bureauId = uuidv7();
  const now = ctx.now.toISOString();
  ctx.db.transaction(() => {
    // Checked again inside the transaction: the key generation above awaited.
    if (syncRole(ctx.db) !== 'none') throw invalidInput(['name'], 'sync.already_bureau');
    insertBureauIdentity(ctx.db, { bureau_id: bureauId, name: input.name, recipient: age.recipient, verify_key: signing.publicKey }, now);
    writeSecret(ctx.db, SECRET.bureauIdentity, Buffer.from(age.identity, 'utf8'), now);
    writeSecret(ctx.db, SECRET.bureauSigningKey, signing.privateKey, now);
    setSyncRole(ctx.db, 'bureau', now);
    recordAudit(ctx, 'bureau.init', { bureauId, name: input.name, recipient: age.recipient });
  })();
  return { bureauId, name: input.name, recipient: age.recipient };
}

export function enrollOffice(ctx: Ctx, input: { officeCode: string; officeName: string; out: string }) {
  const bureau = requireBureau(ctx, ['officeCode']);
  const existing = enrolledAt(ctx.db, input.officeCode);
  if (existing) throw invalidInput(['officeCode'], 'sync.office_enrolled', { code: input.officeCode, at: existing.slice(0, 10) });
  const target = writableFile(ctx, input.out, ['out']);
  const enrollmentId = uuidv7();
  const secret = randomBytes(32);
  const oneTimeCode = newOneTimeCode();
  const now = ctx.now.toISOString();
  const file = makeEnrollmentFile(
    {
      enrollmentId,
      createdAt: now,
      bureau: { id: bureau.bureau_id, name: bureau.name, recipient: bureau.recipient, verifyKey: bureau.verify_key },
      office: { code: input.officeCode, name: input.officeName },
    },
    secret,
    oneTimeCode,
  );
  insertOffice(ctx.db, { code: input.officeCode, name: input.officeName, enrollmentId, enrollSecret: secret, at: now, by: ctx.actor?.userId ?? null });
  recordAudit(ctx, 'bureau.enroll', { officeCode: input.officeCode, officeName: input.officeName, enrollmentId });
  // Written last: a refused write rolls the enrollment back with it.
  fs.rmSync(target.path, { force: true });
  fs.writeFileSync(target.path, JSON.stringify(file, null, 2) + '\n', { flag: 'wx', mode: OWNER_ONLY });
  return { file: target.path, oneTimeCode, enrollmentId };
}

/** The bureau's age identity into a chosen file, for the standard `age` tool (`age -d -i FILE`). */
export function exportIdentity(ctx: Ctx, input: { out: string }) {
  const bureau = requireBureau(ctx, ['out']);
  const identity = readSecret(ctx.db, SECRET.bureauIdentity);
  if (!identity) throw new Error('bureau without its identity');
  const target = writableFile(ctx, input.out, ['out']);
  recordAudit(ctx, 'bureau.identity.export', { recipient: bureau.recipient });
  fs.rmSync(target.path, { force: true });
  fs.writeFileSync(target.path, `# CivicDesk bureau ${bureau.name}\n# public key: ${bureau.recipient}\n${identity.toString('utf8')}\n`, { flag: 'wx', mode: OWNER_ONLY });
  return { file: target.path, recipient: bureau.recipient };
}
