/**
 * The database's lock: whether it is encrypted, sealed (key not yet unwrapped) or open, and the key
 * slots that open it. Plain (unencrypted) databases — older test files, or `encryption: false` — open
 * directly; new office databases are encrypted from their first byte.
 */
import fs from 'node:fs';
import { assertIsFile, DatabaseOpenError, looksEncrypted, openDatabase, type Db } from './connection';
import {
  keyFilePath,
  newDatabaseKey,
  newRecoveryKey,
  normalizeRecoveryKey,
  readKeyFile,
  unwrapKey,
  wrapKey,
  burnUnwrapCost,
  slotNeedsUpgrade,
  writeKeyFile,
  type KeyFile,
} from './keystore';
import { unwrapUserSlot, wrapUserSlot } from './slot-identity';
import { finishInterruptedKeyChange } from './rekey';
import type { Office } from '../../../shared/contract';

export interface VaultOptions {
  dbPath: string;
  create?: boolean;
  nativeBinding?: string;
  /** Encrypt a database created by this host (default true). Existing files keep what they are. */
  encryption?: boolean;
  /** scrypt cost for new key slots (log2 N); older slots keep theirs until rewrapped. */
  costLog2: number;
}

export class Vault {
  private keys: KeyFile | undefined;
  private key: Buffer | undefined;
  private refusedKey: Buffer | undefined;

  constructor(private readonly options: VaultOptions) {
    finishInterruptedKeyChange(options.dbPath);
    this.keys = readKeyFile(options.dbPath);
  }

  get encrypted(): boolean {
    return this.keys !== undefined || this.key !== undefined;
  }

  /** The office as written in the slot file, for the sign-in screen of a sealed database. */
  get office(): Office | undefined {
    return this.keys?.office;
  }

  /** Open at construction when no key is needed: a plain database, or a new one without encryption. */
  openWithoutKey(): Db | undefined {
    if (this.keys) return undefined;
    assertIsFile(this.options.dbPath);
    const exists = fs.existsSync(this.options.dbPath) && fs.statSync(this.options.dbPath).size > 0;
    // Encrypted, but the slots that unwrap its key are gone: say so, not "not a database".
    if (exists && looksEncrypted(this.options.dbPath)) {
      throw new DatabaseOpenError('keys_missing', this.options.dbPath, { keysFile: keyFilePath(this.options.dbPath) });
    }
    if (!exists && this.options.encryption !== false) {
      if (!this.options.create) return openDatabase(this.options.dbPath, { nativeBinding: this.options.nativeBinding }); // throws 'missing'
      return undefined; // created encrypted at setup, so an abandoned first run leaves nothing unreadable
    }
    return openDatabase(this.options.dbPath, { create: this.options.create, nativeBinding: this.options.nativeBinding });
  }

  /** First run: a fresh key and a new encrypted database (slots are written when setup succeeds). */
  createEncrypted(): Db {
    this.key = newDatabaseKey();
    return openDatabase(this.options.dbPath, { create: true, nativeBinding: this.options.nativeBinding, key: this.key });
  }

  /** Setup failed after the file was made: remove it so the next attempt starts clean. */
  discardNew(db: Db): void {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(this.options.dbPath + suffix, { force: true });
    this.key = undefined;
  }

  /** Unwrap the key with a user's password and open the database; null when that cannot be done. */
  openWithPassword(username: string, password: string): Db | null {
    const slot = this.keys?.slots.find((s) => s.kind === 'user' && s.username?.toLowerCase() === username.toLowerCase());
    const key = slot && unwrapUserSlot(slot, password);
    return key ? this.openWithKey(key) : null;
  }

  /**
   * Whose key slot a typed user name names (as the slot file spells it), without trying a password:
   * the sealed door counts failures and refuses a locked account by this before unwrapping.
   */
  slotUser(username: string): { userId: string; username: string } | undefined {
    const slot = this.keys?.slots.find((s) => s.kind === 'user' && s.username?.toLowerCase() === username.toLowerCase());
    return slot?.userId && slot.username ? { userId: slot.userId, username: slot.username } : undefined;
  }

  /** Spend what unwrapping a slot costs, for a user name with no slot, so names cannot be probed by timing. */
  burnUnwrap(password: string): void {
    burnUnwrapCost(password, this.options.costLog2);
  }

  openWithRecoveryKey(recoveryKey: string): Db | null {
    const slot = this.keys?.slots.find((s) => s.kind === 'recovery');
    const key = slot && unwrapKey(slot, normalizeRecoveryKey(recoveryKey));
    return key ? this.openWithKey(key) : null;
  }

  /** Does this text unwrap the recovery slot? Checked on every recovery, sealed or not. */
  recoveryKeyOpens(recoveryKey: string): boolean {
    const slot = this.keys?.slots.find((s) => s.kind === 'recovery');
    return Boolean(slot && unwrapKey(slot, normalizeRecoveryKey(recoveryKey)));
  }

  private openWithKey(key: Buffer): Db {
    this.refusedKey = key;
    const db = openDatabase(this.options.dbPath, { nativeBinding: this.options.nativeBinding, key });
    this.refusedKey = undefined;
    this.key = key;
    return db;
  }

  /**
   * A key the slots gave whose database then would not open (damaged): core-internal, so the damage
   * marker can be authenticated with it. Undefined once a database is open.
   */
  get keyOfRefusedOpen(): Buffer | undefined {
    return this.refusedKey;
  }

  /** Write the slot file for a new office: the administrator's slot and the recovery slot. Returns the recovery key, shown once. */
  completeSetup(office: Office, admin: { userId: string; username: string; password: string }): string | null {
    if (!this.key) return null;
    const recoveryKey = newRecoveryKey();
    const keys: KeyFile = {
      format: 1,
      office,
      slots: [
        wrapUserSlot(this.key, admin.password, this.options.costLog2, { kind: 'user', userId: admin.userId, username: admin.username }),
        wrapKey(this.key, recoveryKey, this.options.costLog2, { kind: 'recovery' }),
      ],
    };
    writeKeyFile(this.options.dbPath, keys);
    this.keys = keys;
    return recoveryKey;
  }

  /** Add or replace a user's slot (new user, password change or reset). No-op for a plain database. */
  setUserSlot(user: { userId: string; username: string; password: string }): void {
    if (!this.keys || !this.key) return;
    const slot = wrapUserSlot(this.key, user.password, this.options.costLog2, { kind: 'user', userId: user.userId, username: user.username });
    this.save({ ...this.keys, slots: [...this.keys.slots.filter((s) => s.userId !== user.userId), slot] });
  }

  /**
   * Rewrap a user's slot at the current cost if it was made at a lower one, with the password that
   * just signed in (it must open the slot as it stands). Made like every user slot (with its key
   * pair, so a key change can still seal to this user), written like every slot change: whole file,
   * fsynced, renamed. True when the slot was rewritten.
   */
  upgradeUserSlot(userId: string, password: string): boolean {
    const slot = this.keys?.slots.find((s) => s.kind === 'user' && s.userId === userId);
    if (!this.keys || !this.key || !slot?.username || !slotNeedsUpgrade(slot, this.options.costLog2)) return false;
    const key = unwrapUserSlot(slot, password);
    if (!key || !key.equals(this.key)) return false;
    this.setUserSlot({ userId, username: slot.username, password });
    return true;
  }

  /** Remove a user's slot (user disabled or removed); true when there was one. Durable like every slot write. */
  removeUserSlot(userId: string): boolean {
    if (!this.keys || !this.keys.slots.some((s) => s.kind === 'user' && s.userId === userId)) return false;
    this.save({ ...this.keys, slots: this.keys.slots.filter((s) => s.kind !== 'user' || s.userId !== userId) });
    return true;
  }

  hasUserSlot(userId: string): boolean {
    return Boolean(this.keys?.slots.some((s) => s.kind === 'user' && s.userId === userId));
  }

  /** Does this user's slot carry a key pair, so that a key change can seal the new key to them? */
  slotCanBeSealed(userId: string): boolean {
    return Boolean(this.keys?.slots.some((s) => s.kind === 'user' && s.userId === userId && s.identity));
  }

  /** Replace the recovery key (after it was used, or if the printout is lost); returns the new one. */
  renewRecoveryKey(): string | null {
    if (!this.keys || !this.key) return null;
    const recoveryKey = newRecoveryKey();
    const slot = wrapKey(this.key, recoveryKey, this.options.costLog2, { kind: 'recovery' });
    this.save({ ...this.keys, slots: [...this.keys.slots.filter((s) => s.kind !== 'recovery'), slot] });
    return recoveryKey;
  }

  updateOffice(office: Office): void {
    if (this.keys) this.save({ ...this.keys, office });
  }

  get slotFile(): string {
    return keyFilePath(this.options.dbPath);
  }

  get dbPath(): string {
    return this.options.dbPath;
  }

  get nativeBinding(): string | undefined {
    return this.options.nativeBinding;
  }

  /** The slot file as it stands (wrapped keys only), for a backup to carry. */
  get keyFile(): KeyFile | undefined {
    return this.keys;
  }

  /**
   * The unwrapped database key, core-internal: backups of this database are opened with it (a
   * VACUUM INTO copy keeps the key). It never leaves the core, and is undefined while sealed.
   */
  get databaseKey(): Buffer | undefined {
    return this.key;
  }

  /**
   * After a backup restore replaced the database and its slot file (the connection closed): read
   * the slots again and open the database with `key` (undefined: a plain database).
   */
  reopen(key: Buffer | undefined): Db {
    this.keys = readKeyFile(this.options.dbPath);
    this.key = key;
    return openDatabase(this.options.dbPath, { nativeBinding: this.options.nativeBinding, key });
  }

  private save(keys: KeyFile): void {
    writeKeyFile(this.options.dbPath, keys);
    this.keys = keys;
  }
}
