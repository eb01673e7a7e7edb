/**
 * The damage marker (`<db>.damaged`) as a claim that can be checked. Plain Node and no SQLite, so
 * Electron main reads it too (the start-up restore offer).
 *
 * Anyone who can write beside the database can write a marker, so a marker alone proves nothing.
 * When a sign-in finds the database damaged, the key is known: the marker is then written with a MAC
 * keyed from the database key, and names the newest backup whose header MAC that key verified (same
 * office, payload intact) by the hash of its header. Whoever holds the key (the offline restore,
 * after a password opens a current slot) checks the MAC; the start-up offer, which holds no key, only
 * offers the backup the marker names, and only while its header is byte for byte the one that was
 * verified. A forged marker can at most make the start-up offer a backup of this key — and that
 * restore keeps the current key slots, so no old password comes back with it (install.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { headerMacValid, payloadMatches, readBackupHeader, type ReadBackup } from './backup-file';
import { damageMarkerPath, listBackups } from './install';

export interface DamageMarker {
  detectedAt: string;
  problems: string[];
  /** The backup verified with the key when the damage was found: its file name and header hash. */
  backup?: { name: string; header: string };
  mac?: string;
}

const markerKey = (databaseKey: Buffer) => createHmac('sha256', databaseKey).update('civicdesk damage marker v1').digest();

function markerMac(dbPath: string, marker: Omit<DamageMarker, 'mac'>, databaseKey: Buffer): Buffer {
  const body = JSON.stringify({ file: path.basename(dbPath), detectedAt: marker.detectedAt, problems: marker.problems, backup: marker.backup ?? null });
  return createHmac('sha256', markerKey(databaseKey)).update(body).digest();
}

/** Hash of what a backup's header MAC covers, plus the MAC: changes if either is edited. */
export function headerHash(read: ReadBackup): string {
  return createHash('sha256').update(read.headerBytes).update(read.mac).digest('hex');
}

/** The newest backup in `dir` that this key made: header MAC valid, same office, payload intact. */
export function latestVerifiedBackup(dir: string, databaseKey: Buffer, officeCode: string | undefined): { file: string; read: ReadBackup } | undefined {
  for (const item of listBackups(dir).items) {
    try {
      const read = readBackupHeader(item.file);
      if (officeCode !== undefined && read.header.office.code !== officeCode) continue;
      if (headerMacValid(read, databaseKey) && payloadMatches(item.file, read)) return { file: item.file, read };
    } catch {
      // removed or cut short since it was listed: try the next older one
    }
  }
  return undefined;
}

export function writeDamageMarker(dbPath: string, marker: Omit<DamageMarker, 'mac'>, databaseKey: Buffer | undefined): void {
  const body: DamageMarker = { ...marker, problems: marker.problems.slice(0, 20) };
  if (databaseKey) body.mac = markerMac(dbPath, body, databaseKey).toString('hex');
  try {
    fs.writeFileSync(damageMarkerPath(dbPath), JSON.stringify(body, null, 2));
  } catch {
    // a read-only folder: the next sign-in runs the check again, which finds the same damage
  }
}

/** The marker as written, or undefined when there is none; an unreadable one has no problems and no MAC. */
export function readDamageMarker(dbPath: string): DamageMarker | undefined {
  const file = damageMarkerPath(dbPath);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return { detectedAt: '', problems: ['damage marker unreadable'] };
    const p = parsed as Record<string, unknown>;
    const backup = typeof p.backup === 'object' && p.backup !== null ? (p.backup as Record<string, unknown>) : undefined;
    return {
      detectedAt: typeof p.detectedAt === 'string' ? p.detectedAt : '',
      problems: Array.isArray(p.problems) ? p.problems.map(String) : [],
      ...(backup && typeof backup.name === 'string' && typeof backup.header === 'string' ? { backup: { name: backup.name, header: backup.header } } : {}),
      ...(typeof p.mac === 'string' ? { mac: p.mac } : {}),
    };
  } catch {
    return { detectedAt: '', problems: ['damage marker unreadable'] };
  }
}

/** Was this marker written by someone holding `databaseKey`? (An empty or hand-made file was not.) */
export function damageMarkerValid(dbPath: string, databaseKey: Buffer): boolean {
  const marker = readDamageMarker(dbPath);
  if (!marker?.mac || !/^[0-9a-f]{64}$/.test(marker.mac)) return false;
  return timingSafeEqual(markerMac(dbPath, marker, databaseKey), Buffer.from(marker.mac, 'hex'));
}

/**
 * The backup the marker names, if it is still in `dir` with the very header that was verified when
 * the damage was found; undefined otherwise (no marker, no backup named, or a header changed since).
 */
export function markedBackup(dbPath: string, dir: string): string | undefined {
  const named = readDamageMarker(dbPath)?.backup;
  if (!named || path.basename(named.name) !== named.name) return undefined;
  const file = path.join(dir, named.name);
  try {
    return headerHash(readBackupHeader(file)) === named.header ? file : undefined;
  } catch {
    return undefined;
  }
}
