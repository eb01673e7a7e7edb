/** Reading and tampering with the audit trail directly, as someone holding the open file could. */
import type { Db } from '../../electron/core/db/connection';
import type { AuditRow } from '../../electron/core/audit/repository';
import type { AuditVerifyOutput } from '../../shared/contract';
import { expectOk } from './results';
import type { TestHost } from './test-host';

export type { AuditRow };

export function auditRows(db: Db, afterSeq = 0): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(afterSeq) as AuditRow[];
}

export function lastAuditSeq(db: Db): number {
  return db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
}

/** Every text the trail holds, for scans that must not find a secret in it. */
export function auditText(db: Db): string {
  return auditRows(db)
    .map((r) => Object.values(r).join('\u0001'))
    .join('\n');
}

/** The app's triggers refuse UPDATE and DELETE on audit_log; someone editing the file drops them first. */
export function withoutAppendOnly(db: Db, tamper: () => void): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  tamper();
}

export async function verifyAudit(t: TestHost, conn: string, input: { anchor?: { seq: number; hash: string } } = {}): Promise<AuditVerifyOutput> {
  return expectOk(await t.host.runJob(conn, 'audit.verify', input)) as AuditVerifyOutput;
}
