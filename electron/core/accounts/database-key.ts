/**
 * 更换数据库密钥 — change the database key (contract `accounts.databaseKey.change`, administrators).
 * For when someone left with a copy of an old `.keys` file or backup: afterwards neither opens the
 * database, because its pages are under a new random key (db/rekey.ts says how the swap survives a
 * crash, db/slot-identity.ts how every enabled user keeps signing in without typing a password).
 * What it cannot do: a copy taken before stays readable with the old key and the old passwords.
 */
import type { SectionHandlers } from '../handlers';
import type { HostHooks } from '../feature';
import { ContractFailure, invalidInput } from '../errors';
import { newDatabaseKey } from '../db/keystore';
import { copyDatabase, installRekeyedDatabase, rekeyCopy, rekeyedSlots, rekeyWorkFile, writesSoFar, type RekeyedSlots } from '../db/rekey';
import { removeDatabaseQuietly } from '../durable';
import { recordAudit } from '../audit';
import type { Db } from '../db/connection';
import { verifyPassword } from './password';
import { findUserById, listUsers } from './repository';

/** Progress steps: copy, rekey and check the copy, swap. */
const STEPS = 3;

export function databaseKeyHandlers(host: HostHooks): Pick<SectionHandlers<'accounts'>, 'accounts.databaseKey.change'> {
  return {
    'accounts.databaseKey.change': async (input, ctx, job) => {
      if (!ctx.actor) throw new ContractFailure('UNAUTHENTICATED');
      const admin = findUserById(ctx.db, ctx.actor.userId);
      if (!admin) throw new ContractFailure('UNAUTHENTICATED');
      if (!verifyPassword(input.password, admin.password_hash)) throw invalidInput(['password'], 'accounts.current_password_wrong');
      const vault = ctx.services.vault;
      const oldKey = vault.databaseKey;
      const current = vault.keyFile;
      if (!oldKey || !current) throw invalidInput([], 'accounts.not_encrypted');

      const { dbPath, nativeBinding } = vault;
      const counts = ctx.services.records.counts;
      const newKey = newDatabaseKey();
      const work = rekeyWorkFile(dbPath);
      // The copy must hold what the database holds: the same record counts (the data itself moves page by page).
      const prepare = (db: Db) => {
        const expected = JSON.stringify(counts(db));
        copyDatabase(db, work);
        return () =>
          rekeyCopy(work, oldKey, newKey, (copy) => {
            if (JSON.stringify(counts(copy)) !== expected) throw new Error('the rekeyed copy does not hold what the database holds');
          }, nativeBinding);
      };
      let slots: RekeyedSlots | undefined;
      try {
        await job.checkpoint(0, STEPS);
        const written = writesSoFar(ctx.db);
        const rekey = prepare(ctx.db);
        await job.checkpoint(1, STEPS);
        rekey();
        await job.checkpoint(2, STEPS);
        // The rest is the swap, a moment with the database closed; progress cannot be reported after it.
        await job.checkpoint(STEPS, STEPS);
        await host.replaceDatabase(
          () => installRekeyedDatabase(dbPath, work, slots!.keys),
          newKey,
          job.signal,
          {
            keepSessions: true,
            keyIfFailed: oldKey,
            // Nothing else runs now. The slots are decided here, from the users as they are at the swap;
            // a write since the copy (a sign-in's bookkeeping, a save) means copying again, here, so none is lost.
            beforeClose: (db) => {
              if (writesSoFar(db) !== written) {
                ctx.services.log.info('database key change: written to since the copy; copying again before the swap');
                prepare(db)();
              }
              const enabled = new Set(listUsers(db).filter((u) => !u.disabled).map((u) => u.id));
              slots = rekeyedSlots(current, newKey, {
                admin: { userId: admin.id, username: admin.username, password: input.password },
                enabledUserIds: enabled,
                costLog2: ctx.services.passwordCostLog2,
              });
            },
          },
        );
      } finally {
        removeDatabaseQuietly(work);
      }
      const done = slots!;
      ctx.services.log.info(`database key changed; ${done.resealed.length} slot(s) resealed, ${done.needPassword.length} user(s) need a new password`);
      recordAudit({ db: host.database(), actor: ctx.actor, now: ctx.now }, 'databasekey.change', {
        resealed: done.resealed,
        needPassword: done.needPassword,
      });
      // No checkpoint after the swap: a cancel now must not fail a job whose recovery key is the only copy.
      return { recoveryKey: done.recoveryKey, resealed: done.resealed, needPassword: done.needPassword };
    },
  };
}
