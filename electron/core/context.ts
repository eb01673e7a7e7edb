import type { SealedFailureStore } from './audit';
import type { Db } from './db/connection';
import type { WriteContext } from './db/writes';
import type { Clock } from './clock';
import type { Logger } from './log';
import type { Role } from '../../shared/domain/roles';
import type { EventName, ContractEvents, Office, OfficeSettings } from '../../shared/contract';
import type { SessionStore } from './accounts';
import type { Vault } from './db/vault';
import type { FileAccess } from './files';

/** The logged-in user as the dispatcher resolved it for this call (role read fresh from the row). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface HostServices {
  appVersion: string;
  /** scrypt cost as log2(N); the stored hash records it, so changing it never breaks old hashes. */
  passwordCostLog2: number;
  clock: Clock;
  log: Logger;
  sessions: SessionStore;
  /** Key slots of an encrypted database (no-ops for a plain one). */
  vault: Vault;
  /**
   * Wrong sign-ins while the database was still sealed: nothing can be written until a key opens it,
   * so they wait in a file beside it and go into the audit trail with the sign-in that opens it.
   */
  sealedFailures: SealedFailureStore;
  /** The files calls may name: handles from the window and the preview, paths from the CLI. */
  files: FileAccess;
  /** What the core registry says about records: live-row counts for `db info` and backup headers. */
  records: RecordCounter;
  emit<E extends EventName>(connectionId: string | null, event: E, payload: ContractEvents[E]): void;
}

export interface SealedLoginFailure {
  /** A key slot's user name, or what was typed masked (first character and length): never typed text that could be a password. */
  username: string;
  at: string;
  via: 'password' | 'recoveryKey';
  /** As the open database's sign-in entries say it (`wrong_password`, `locked` …); absent in files written before it was kept. */
  reason?: string;
}

export interface RecordCounter {
  /** Live rows per counted record table (as each feature names them), and the change log and audit trail; tables a copy lacks are left out. */
  counts(db: Db): Record<string, number>;
}

/** What every handler receives besides its parsed input. */
export interface Ctx {
  db: Db;
  connectionId: string;
  actor: Actor | null;
  /**
   * Set on the sign-in call that unwrapped a key slot of the sealed database: that slot's user id.
   * The slot's authenticated decryption has proved the password, so it is not checked a second time.
   */
  unsealedBy?: string;
  services: HostServices;
  /** The current time, fixed for the whole call. */
  now: Date;
  /** The one write context of this call (made on first use): who, when, which office, and the call's transaction id. */
  write(): WriteContext;
  /** This database's office; NOT_INITIALIZED before setup. */
  office(): Office & { id: string };
  /** The office's settings (the defaults before setup). */
  settings(): Omit<OfficeSettings, 'version'>;
}

/** Given to job handlers: report progress, and stop when cancelled. */
export interface JobControl {
  readonly signal: AbortSignal;
  /** Report progress and yield to the event loop; throws CANCELLED once the job is cancelled. */
  checkpoint(done: number, total: number): Promise<void>;
}
