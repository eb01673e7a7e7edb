/**
 * The core host: owns the one database connection and dispatches contract calls. Every door
 * (Electron IPC, the loopback HTTP transport, the CLI) ends here, so validation, sessions,
 * permissions and error shaping happen once. It runs inside a worker thread (./worker.ts) under
 * Electron and the browser preview; the CLI and the tests use it in-process.
 */
import { randomBytes } from 'node:crypto';
import {
  contract,
  isMethodName,
  MAX_INPUT_DEPTH,
  nestedDeeperThan,
  toContractIssues,
  type ContractEvents,
  type EventName,
  type DatabaseCheck,
  type MethodName,
  type Result,
} from '../../shared/contract';
import { roleHas } from '../../shared/domain/roles';
import { en } from '../../shared/i18n';
import { interpolate } from '../../shared/i18n/interpolate';
import type { Db } from './db/connection';
import { Vault } from './db/vault';
import { KEY_SLOT_COST_LOG2 } from './db/keystore';
import { SessionStore, type Session, findUserById, afterWrongPassword, isLocked, localMinute, remainingAttempts } from './accounts';
import { ContractFailure, invalidInput } from './errors';
import { uuidv7 } from './ids';
import { systemClock, type Clock } from './clock';
import { consoleLogger, type Logger } from './log';
import { findSettings, DEFAULT_SETTINGS } from './office';
import type { Actor, Ctx, HostServices, JobControl } from './context';
import type { ReplaceOptions } from './feature';
import type { Handlers } from './handlers';
import type { WriteContext } from './db/writes';
import { BUREAU_FIGURES, BUREAU_UPDATES, countRecords, DAILY_SCANS, DEMO_STEPS, registeredHandlers, SYNC_TABLES } from './registry';
import { callWriteContext, requireOffice } from './write-context';
import { holdSealedLoginFailure, maskTypedName, SealedFailureStore } from './audit';
import { backupSource, AutomaticBackups, openOrRefuseDamaged, refuseDamagedAtSignIn, automaticBackupDir, reportDamage } from './backup';
import { storageFailure } from './disk-errors';
import { FileAccess } from './files';
import type { ChosenFile, FileUse } from '../../shared/contract/file-dialogs';
import { BackgroundDatabaseCheck, type DatabaseCheckOptions } from './system';

export interface HostOptions {
  dbPath: string;
  /** Create the database file if missing (first run). */
  create?: boolean;
  appVersion: string;
  clock?: Clock;
  log?: Logger;
  /** scrypt cost of password hashes, log2(N). 15 in the app (≈ 90 ms); tests may lower it. */
  passwordCostLog2?: number;
  /**
   * scrypt cost of new key slots, log2(N): KEY_SLOT_COST_LOG2 (17) in the app and the CLI. A host
   * given only a lower passwordCostLog2 (tests, benchmarks) uses that for its slots too.
   */
  keySlotCostLog2?: number;
  /** Encrypt a database this host creates (default true); existing files stay as they are. */
  encryption?: boolean;
  nativeBinding?: string;
  /** Replace handlers (tests use it to make one throw). */
  handlerOverrides?: Partial<Handlers>;
  /** Back up daily while open, and on `close({ backup: true })` (the app; not the CLI or tests). */
  automaticBackups?: boolean;
  /**
   * `terminal`: calls may name files by path (the CLI: a person at a terminal). Otherwise (the window,
   * the preview) only by handles this host granted after the clerk chose the file.
   */
  filePaths?: 'terminal' | 'handles';
  /**
   * Check the whole file in the background once it opens (the app and the browser preview; tests
   * that want it). The CLI's one-shot commands do not: AEGIS-256 checks every page they read, and
   * `civicdesk verify` is the thorough check.
   */
  databaseCheck?: boolean | DatabaseCheckOptions;
}

export type EventListener = <E extends EventName>(connectionId: string | null, event: E, payload: ContractEvents[E]) => void;

const PROGRESS_INTERVAL_MS = 100;

/** Set by the sealed door for the call that unwrapped a key slot: whose slot its password opened. */
interface SealedProof {
  unsealedBy?: string;
}

export class CoreHost {
  private current: Db | undefined;
  private readonly vault: Vault;
  readonly services: HostServices;
  private readonly handlers: Handlers;
  private readonly listeners = new Set<EventListener>();
  private readonly jobs = new Map<string, { connectionId: string; controller: AbortController; done: Promise<void> }>();
  private readonly automatic: AutomaticBackups | undefined;
  private readonly check: BackgroundDatabaseCheck | undefined;

  constructor(options: HostOptions) {
    const costLog2 = options.passwordCostLog2 ?? 15;
    const slotCostLog2 = options.keySlotCostLog2 ?? options.passwordCostLog2 ?? KEY_SLOT_COST_LOG2;
    this.vault = new Vault({ dbPath: options.dbPath, create: options.create, nativeBinding: options.nativeBinding, encryption: options.encryption, costLog2: slotCostLog2 });
    // Backups: a database known to be damaged (marked by the background check, or by a page that
    // failed its check under a call), or whose schema will not read, is refused with the latest good
    // backup named (main offers it; the CLI names it).
    this.current = openOrRefuseDamaged(options.dbPath, automaticBackupDir(options.dbPath), () => this.vault.openWithoutKey());
    const sessions = new SessionStore();
    this.services = {
      appVersion: options.appVersion,
      passwordCostLog2: costLog2,
      vault: this.vault,
      clock: options.clock ?? systemClock,
      log: options.log ?? consoleLogger('core'),
      sessions,
      sealedFailures: new SealedFailureStore(options.dbPath, { lockoutThreshold: DEFAULT_SETTINGS.lockoutThreshold, lockoutMinutes: DEFAULT_SETTINGS.lockoutMinutes }),
      files: new FileAccess({
        dbPath: options.dbPath,
        automaticBackups: automaticBackupDir(options.dbPath),
        mode: options.filePaths ?? 'handles',
        now: () => (options.clock ?? systemClock).now().getTime(),
      }),
      records: { counts: countRecords },
      emit: (connectionId, event, payload) => {
        for (const listener of this.listeners) listener(connectionId, event, payload);
      },
    };
    // One handler per contract method, from the features in the core registry (./registry.ts).
    const handlers = registeredHandlers({
      replaceDatabase: (install, key, caller, replace) => this.replaceDatabase(install, key, caller, replace),
      database: () => this.db,
      cancelJob: (connectionId, jobId) => this.cancelJob(connectionId, jobId),
      databaseCheck: () => this.databaseCheck,
      demoSteps: () => DEMO_STEPS,
      dailyScans: () => DAILY_SCANS,
      syncTables: () => SYNC_TABLES,
      bureauUpdates: () => BUREAU_UPDATES,
      bureauFigures: () => BUREAU_FIGURES,
    });
    this.handlers = { ...handlers, ...options.handlerOverrides };
    if (options.automaticBackups) {
      this.automatic = new AutomaticBackups({
        source: () => (this.current?.open ? backupSource({ db: this.current, services: this.services }) : undefined),
        writerIdle: () => this.writerIdle(),
        dir: automaticBackupDir(options.dbPath),
        clock: this.services.clock,
        log: this.services.log,
      });
      if (this.current) this.automatic.start();
    }
    if (options.databaseCheck) {
      const checkOptions = options.databaseCheck === true ? {} : options.databaseCheck;
      this.check = new BackgroundDatabaseCheck(this.services, () => this.current, () => this.writerIdle(), checkOptions);
      if (this.current) this.check.start(this.current);
    }
  }

  /** Where the background check of the open database stands (system.databaseCheck). */
  get databaseCheck(): DatabaseCheck {
    return this.check?.state ?? { state: 'unfinished', reason: 'off' };
  }

  /** The open database; while it is still sealed (encrypted, nobody signed in) there is none. */
  get db(): Db {
    if (!this.current) throw new ContractFailure('UNAUTHENTICATED');
    return this.current;
  }

  /** True once the database is open (plain, or unsealed by a sign-in). */
  get isOpen(): boolean {
    return this.current !== undefined;
  }

  /** A handle for a file the clerk chose (main after a dialog, the preview after its prompt), for one connection. */
  grantFile(connectionId: string, chosen: { path: string; use: FileUse; overwrite?: boolean }): ChosenFile {
    return this.services.files.grant(connectionId, chosen);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Handle one call from one connection. Never throws: every outcome is a Result. */
  async dispatch(connectionId: string, method: unknown, rawInput: unknown): Promise<Result<unknown>> {
    try {
      if (!isMethodName(method)) throw new ContractFailure('UNKNOWN_METHOD', { method: String(method) });
      const def = contract[method];
      if (nestedDeeperThan(rawInput)) throw new ContractFailure('INVALID_INPUT', {}, [{ path: [], code: 'too_deep', message: 'input nested too deeply', params: { maximum: MAX_INPUT_DEPTH } }]);
      // reportInput: zod 4 leaves the offending value out of its issues otherwise, and without it
      // toContractIssues cannot tell a missing field (required) from a wrong one (invalid_type).
      const parsed = def.input.safeParse(rawInput ?? {}, { reportInput: true });
      if (!parsed.success) throw new ContractFailure('INVALID_INPUT', {}, toContractIssues(parsed.error));
      const proof: SealedProof = {};
      if (!this.current) {
        const early = this.whileSealed(method, parsed.data, proof);
        if (early) return early;
        if (method === 'office.setup') return this.firstSetup(connectionId, parsed.data);
      }
      // An import keeps one transaction open across its progress checkpoints; a write arriving
      // meanwhile would join it, and vanish if the import is cancelled. So writes wait their turn;
      // cancelling is exempt, being how a clerk ends that import early.
      if (def.kind !== 'query' && method !== 'jobs.cancel') await this.writerIdle();
      const now = this.services.clock.now();
      const actor = this.authorize(connectionId, method, now);
      const ctx = this.context(connectionId, actor, now, proof.unsealedBy);
      const handler = this.handlers[method] as (input: unknown, ctx: Ctx, job?: JobControl) => unknown;
      if (def.kind === 'job') return { ok: true, value: this.startJob(connectionId, method, handler, parsed.data, ctx) };
      // A mutation's output is shaped inside its transaction: an output that fails its schema is
      // INTERNAL, and INTERNAL promises the clerk that nothing was written.
      const run = () => def.output.parse(handler(parsed.data, ctx));
      const value = def.kind === 'mutation' ? this.inTransaction(run) : run();
      return withChanged({ ok: true, value }, ctx.changed());
    } catch (error) {
      return this.toFailure(error, method);
    }
  }

  /** Resolves once no job holds the connection's transaction open. */
  private async writerIdle(): Promise<void> {
    while (this.current?.open && this.current.inTransaction) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Call a job method and wait for its output (CLI and tests). */
  async runJob(connectionId: string, method: MethodName, input: unknown, onProgress?: (done: number, total: number) => void): Promise<Result<unknown>> {
    const started = await this.dispatch(connectionId, method, input);
    if (!started.ok) return started;
    const { jobId } = started.value as { jobId: string };
    return new Promise((resolve) => {
      const off = this.onEvent((_c, event, payload) => {
        if (event === 'job.progress' && (payload as ContractEvents['job.progress']).jobId === jobId) {
          const p = payload as ContractEvents['job.progress'];
          onProgress?.(p.done, p.total);
        }
        if (event === 'job.finished' && (payload as ContractEvents['job.finished']).jobId === jobId) {
          off();
          resolve((payload as ContractEvents['job.finished']).result);
        }
      });
    });
  }

  /** Wait for running jobs to stop, then close the database; `backup`: the app's backup on exit first. */
  async close(options: { backup?: boolean } = {}): Promise<void> {
    this.automatic?.stop();
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.done));
    // After the jobs: a check that has just finished waits for the writer to record its outcome.
    await this.check?.stop('closed');
    if (options.backup) await this.automatic?.run('exit');
    if (this.current?.open) this.current.close();
  }

  /**
   * Backup restore swaps the database under the running host: other jobs stop, the connection
   * closes, `install` moves the files, and the database opens again with `key` (if `install`
   * failed, the file it left in place). Every session ends — the restored users table decides who
   * signs in next — and each connection is told.
   */
  private async replaceDatabase<T>(install: () => T, key: Buffer | undefined, caller: AbortSignal, options: ReplaceOptions = {}): Promise<T> {
    const others = [...this.jobs.values()].filter((j) => j.controller.signal !== caller);
    for (const job of others) job.controller.abort();
    await Promise.all(others.map((j) => j.done));
    await this.writerIdle();
    this.automatic?.stop();
    // Its read connection would keep the replaced file open (on Windows, in the way of the rename).
    await this.check?.stop('restoring');
    if (this.current) options.beforeClose?.(this.current);
    this.current?.close();
    this.current = undefined;
    let installed = false;
    try {
      const value = install();
      installed = true;
      return value;
    } finally {
      this.current = this.vault.reopen(installed || !('keyIfFailed' in options) ? key : options.keyIfFailed);
      this.automatic?.start();
      this.check?.start(this.current);
      if (!options.keepSessions) {
        for (const connectionId of this.services.sessions.endAll()) this.services.emit(connectionId, 'session.changed', { state: 'ended' });
      }
    }
  }

  /**
   * Calls that make sense before the database is open: the sign-in screen's questions, and the
   * sign-in (or recovery) that unwraps the key. Returns undefined to go on with normal dispatch.
   */
  private whileSealed(method: MethodName, input: unknown, proof: SealedProof): Result<unknown> | undefined {
    const office = this.vault.office;
    switch (method) {
      case 'office.status':
        return { ok: true, value: { initialized: office !== undefined, office: office ?? null, appVersion: this.services.appVersion, schemaVersion: 0 } };
      case 'accounts.session':
        return { ok: true, value: { session: null } };
      case 'accounts.logout':
        return { ok: true, value: {} };
      case 'office.setup':
        if (office) throw new ContractFailure('ALREADY_INITIALIZED');
        return undefined;
      case 'accounts.login': {
        if (!office) throw new ContractFailure('NOT_INITIALIZED');
        const { username, password } = input as { username: string; password: string };
        return this.sealedSignIn(username, password, proof);
      }
      case 'accounts.recover': {
        if (!office) throw new ContractFailure('NOT_INITIALIZED');
        const { username, recoveryKey } = input as { username: string; recoveryKey: string };
        this.current = this.unsealed(() => this.vault.openWithRecoveryKey(recoveryKey));
        if (this.current) return undefined;
        // Only a key slot's user name is kept as typed; anything else could be a password typed in the wrong field.
        holdSealedLoginFailure(this.services, { username: this.vault.slotUser(username)?.username ?? maskTypedName(username), via: 'recoveryKey' });
        throw invalidInput(['recoveryKey'], 'accounts.recovery_key_wrong');
      }
      default:
        throw new ContractFailure(office ? 'UNAUTHENTICATED' : 'NOT_INITIALIZED');
    }
  }

  /**
   * A sign-in while the database is sealed: the lockout is applied here, from the file beside the
   * database (the users table cannot be read yet) and with the office's rule as last seen. A locked
   * account is refused before its password is tried — the same answer for a wrong and a right one.
   * A wrong password for a key slot's user counts towards the lock; a user name with no slot costs
   * the same time and is held masked. On success the sign-in goes on in the now open database,
   * which takes the held failures and states (accounts.login), knowing whose slot opened it.
   */
  private sealedSignIn(username: string, password: string, proof: SealedProof): undefined {
    const store = this.services.sealedFailures;
    const now = this.services.clock.now();
    const rule = store.rule();
    const slotUser = this.vault.slotUser(username);
    const state = slotUser ? store.lockState(slotUser.userId) : undefined;
    if (slotUser && state && isLocked(state, now)) {
      holdSealedLoginFailure(this.services, { username: slotUser.username, via: 'password', reason: 'locked' });
      throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(state.lockedUntil!) });
    }
    this.current = this.unsealed(() => this.vault.openWithPassword(username, password));
    if (this.current) {
      proof.unsealedBy = slotUser?.userId;
      return undefined;
    }
    if (!slotUser || !state) {
      this.vault.burnUnwrap(password);
      holdSealedLoginFailure(this.services, { username: maskTypedName(username), via: 'password', reason: 'unknown_user' });
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: rule.lockoutThreshold - 1 });
    }
    const next = afterWrongPassword(state, rule, now);
    const reason = next.lockedUntil ? 'wrong_password_locked' : 'wrong_password';
    holdSealedLoginFailure(this.services, { username: slotUser.username, via: 'password', reason }, { userId: slotUser.userId, state: next });
    if (next.lockedUntil) throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(next.lockedUntil) });
    throw new ContractFailure('BAD_CREDENTIALS', { remaining: remainingAttempts(next, rule) });
  }

  /** Open the sealed database with a sign-in's key: refused if damaged; daily backups start once open. */
  private unsealed(open: () => Db | null): Db | undefined {
    let db: Db | null;
    try {
      db = open();
    } catch (error) {
      refuseDamagedAtSignIn(error, this.services.clock.now(), this.services.log, this.vault.keyOfRefusedOpen);
    }
    if (db) {
      this.automatic?.start();
      this.check?.start(db);
    }
    return db ?? undefined;
  }

  /** First run of an encrypted office: the database is created here, and removed again if setup fails. */
  private async firstSetup(connectionId: string, input: unknown): Promise<Result<unknown>> {
    const db = this.vault.createEncrypted();
    this.current = db;
    const result = await this.dispatch(connectionId, 'office.setup', input);
    if (!result.ok) {
      this.current = undefined;
      this.vault.discardNew(db);
    }
    return result;
  }

  private authorize(connectionId: string, method: MethodName, now: Date): Actor | null {
    const def = contract[method];
    const sessions = this.services.sessions;
    const session = sessions.get(connectionId);
    const user = session && findUserById(this.db, session.userId);
    if (session && (!user || user.disabled)) sessions.end(connectionId);
    const live = session && user && !user.disabled ? { session, user } : undefined;
    if (def.access === 'public') {
      // Public calls (accounts.session, office.status) do not count as activity, but they see the
      // idle lock: accounts.session must not report an idle session as unlocked.
      return live && !this.lockIfIdle(connectionId, live.session, now) ? toActor(live.user) : null;
    }
    if (!live) throw new ContractFailure('UNAUTHENTICATED');
    if (this.lockIfIdle(connectionId, live.session, now) && !def.whileLocked) throw new ContractFailure('SESSION_LOCKED');
    if (def.access !== 'session' && !roleHas(live.user.role, def.access)) {
      throw new ContractFailure('FORBIDDEN', { permission: def.access });
    }
    if (!def.whileLocked) live.session.lastActivity = now.getTime();
    return toActor(live.user);
  }

  /** Lock the session once it has been idle too long, telling its connection; true if locked. */
  private lockIfIdle(connectionId: string, session: Session, now: Date): boolean {
    const idle = findSettings(this.db)?.idleLockMinutes ?? DEFAULT_SETTINGS.idleLockMinutes;
    const wasLocked = session.locked;
    const locked = this.services.sessions.checkIdle(session, now.getTime(), idle);
    if (locked && !wasLocked) this.services.emit(connectionId, 'session.changed', { state: 'locked' });
    return locked;
  }

  /**
   * A call's context. Its write context is made once, on the first `write()`: every row the call
   * writes — however many repositories it passes through — carries one transaction id, which is how
   * sync ships a call's changes together, and the renderer learns which entities the call changed.
   */
  private context(connectionId: string, actor: Actor | null, now: Date, unsealedBy?: string): Ctx & { changed(): string[] | undefined } {
    const db = this.db;
    let write: WriteContext | undefined;
    return {
      db,
      connectionId,
      actor,
      ...(unsealedBy ? { unsealedBy } : {}),
      services: this.services,
      now,
      office: () => requireOffice(db),
      settings: () => {
        const { id: _id, version: _version, ...settings } = findSettings(db) ?? { ...DEFAULT_SETTINGS, id: '', version: 0 };
        return settings;
      },
      write: () => (write ??= callWriteContext(db, { userId: actor?.userId ?? null, username: actor?.username }, now)),
      changed: () => (write && write.changed.size > 0 ? [...write.changed].sort() : undefined),
    };
  }

  /** One transaction per mutation: all of its writes and change-log entries land, or none do. */
  private inTransaction<T>(fn: () => T): T {
    const outcome = this.db
      .transaction(() => {
        try {
          return { value: fn() };
        } catch (error) {
          if (error instanceof ContractFailure && error.keepWrites) return { failure: error };
          throw error;
        }
      })
      .immediate();
    if ('failure' in outcome) throw outcome.failure;
    return outcome.value;
  }

  private startJob(
    connectionId: string,
    method: MethodName,
    handler: (input: unknown, ctx: Ctx, job: JobControl) => unknown,
    input: unknown,
    ctx: Ctx & { changed(): string[] | undefined },
  ): { jobId: string } {
    const jobId = uuidv7();
    const controller = new AbortController();
    let lastEmit = 0;
    const control: JobControl = {
      signal: controller.signal,
      checkpoint: async (done, total) => {
        const t = Date.now();
        if (t - lastEmit >= PROGRESS_INTERVAL_MS || done >= total) {
          lastEmit = t;
          this.services.emit(connectionId, 'job.progress', { jobId, method, done, total });
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (controller.signal.aborted) throw new ContractFailure('CANCELLED');
      },
    };
    const done = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve)); // answer with the job id first
      let result: Result<unknown>;
      try {
        const value = await (handler(input, ctx, control) as Promise<unknown>);
        result = withChanged({ ok: true, value: contract[method].output.parse(value) }, ctx.changed());
      } catch (error) {
        result = withChanged(this.toFailure(error, method), ctx.changed());
      }
      this.jobs.delete(jobId);
      this.services.emit(connectionId, 'job.finished', { jobId, method, result });
    })();
    this.jobs.set(jobId, { connectionId, controller, done });
    return { jobId };
  }

  private cancelJob(connectionId: string, jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.connectionId !== connectionId) return false;
    job.controller.abort();
    return true;
  }

  private toFailure(error: unknown, method: unknown): Result<never> {
    if (error instanceof ContractFailure) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, params: error.params, ...(error.issues ? { issues: error.issues } : {}) },
      };
    }
    // A page that fails its AEGIS tag (or SQLite's own checks) under a call: the damage path, as if
    // the background check had found it — marker, log, DB_DAMAGED naming the backup to restore.
    if (isDamage(error) && this.current) {
      this.services.log.error(`damaged page read in ${String(method)}: ${error instanceof Error ? error.message : String(error)}`);
      const backup = this.check ? this.check.damageFound([errorMessage(error)]).backup : reportDamage(this.vault.dbPath, [errorMessage(error)], this.services.clock.now(), this.services.log, this.vault.databaseKey).backup;
      return this.toFailure(backup ? new ContractFailure('DB_DAMAGED', { backup }) : new ContractFailure('DB_DAMAGED_NO_BACKUP'), method);
    }
    // A full disk or read-only medium is the clerk's to fix: a clear message, the stack still logged.
    const storage = storageFailure(error);
    if (storage) {
      this.services.log.warn(`${storage.code} in ${String(method)}: ${error instanceof Error ? error.message : String(error)}`);
      return this.toFailure(storage, method);
    }
    const ref = randomBytes(4).toString('hex').toUpperCase();
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.services.log.error(`INTERNAL ${ref} in ${String(method)}: ${stack}`);
    return { ok: false, error: { code: 'INTERNAL', message: interpolate(en.errors.INTERNAL, { ref }), params: { ref }, ref } };
  }
}

/**
 * The record tables a call wrote, on its result: the renderer refetches what shows them. A failed
 * job may have committed some of its work (an import's batches before a cancel), so it says too.
 */
function withChanged(result: Result<unknown>, changed: string[] | undefined): Result<unknown> {
  return changed ? { ...result, changed } : result;
}

const isDamage = (error: unknown) => error instanceof Error && 'code' in error && /^SQLITE_(CORRUPT|NOTADB)/.test(String(error.code));
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function toActor(user: { id: string; username: string; display_name: string; role: Actor['role'] }): Actor {
  return { userId: user.id, username: user.username, displayName: user.display_name, role: user.role };
}
