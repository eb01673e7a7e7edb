/** What the host and other features may use of system (they import nothing else from this folder). */
export { BackgroundDatabaseCheck, type DatabaseCheckOptions } from './database-check';
