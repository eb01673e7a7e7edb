/**
 * What the bureau's upload service (./server.ts) and an office's client (./client.ts) agree on
 * beyond tus itself: the paths, the headers that carry the intake's answer, and /status/<bundle>.
 */
import type { IntakeStatus } from '../format';

/** The tus endpoint (POST creates; HEAD/PATCH `/files/<id>`). */
export const FILES_PATH = '/files';
/** GET `/status/<bundleId>` → BundleUploadState. */
export const STATUS_PATH = '/status/';
/** On the final PATCH's response: what the intake did, and the hash the bureau computed. */
export const OUTCOME_HEADERS = { status: 'CivicDesk-Intake-Status', reason: 'CivicDesk-Intake-Reason', sha256: 'CivicDesk-Sha256' } as const;

/** What the intake said of an uploaded bundle. */
export interface UploadIntake {
  status: IntakeStatus;
  reason?: string;
}

/** What became of a bundle sent by upload (reveals a status for a bundle id, nothing of its content). */
export type BundleUploadState =
  | { state: 'unknown' }
  /** Every byte is there; the intake is taking it in. */
  | { state: 'checking' }
  | { state: 'done'; sha256: string; status: IntakeStatus; reason?: string }
  /** The last upload of it was dropped: the file's hash differed from the declared one, or the intake could not run. */
  | { state: 'refused'; reason: 'hash_mismatch' | 'intake_failed' };
