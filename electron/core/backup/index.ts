/** What other features may use of backup (they import nothing else from this folder; eslint-plugin-boundaries checks). */
export { readBackupHeader } from './backup-file';
export { openOrRefuseDamaged, refuseDamagedAtSignIn, reportDamage } from './damage';
export { automaticBackupDir, restorableWithoutKey, restoreWithoutKey, summaryOf } from './install';
export { restoreOffline } from './offline';
export { integrityProblems } from './repository';
export { AutomaticBackups } from './scheduler';
export { backupSource, readOrRefuse } from './service';
