/**
 * The write context of one contract call (the host makes it on the call's first `ctx.write()`): who,
 * when, which office, the call's one transaction id, the registry's record tables, and the change
 * hook — the audit trail's entry, then whatever features keep in step (./registry.ts).
 */
import type { Db } from './db/connection';
import type { WriteContext } from './db/writes';
import { ContractFailure } from './errors';
import { uuidv7 } from './ids';
import { RECORD_TABLES, onRecordChange } from './registry';
import { auditRecordChange } from './audit';
import { findOffice } from './office';

const onChange = onRecordChange(auditRecordChange);

/** This database's office; NOT_INITIALIZED before setup (the host's ctx.office() too). */
export function requireOffice(db: Db): NonNullable<ReturnType<typeof findOffice>> {
  const office = findOffice(db);
  if (!office) throw new ContractFailure('NOT_INITIALIZED');
  return office;
}

export function callWriteContext(db: Db, who: { userId: string | null; username?: string | null }, now: Date): WriteContext {
  let officeId: string | undefined;
  return {
    db,
    userId: who.userId,
    username: who.username,
    now: now.toISOString(),
    tx: uuidv7(now.getTime()),
    officeId: () => (officeId ??= requireOffice(db).id),
    recordTables: RECORD_TABLES,
    onChange,
    changed: new Set(),
  };
}
