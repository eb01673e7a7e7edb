/** What other features may use of residents (they import nothing else from this folder; eslint-plugin-boundaries checks). */
export { RESIDENT_SELECT, anyResidents, idNumberRegistered, insertResident, tombstoneResident, updateResident } from './repository';
export type { ResidentRow } from './repository';
export { filterSql } from './search/repository';
export type { FilterSql } from './search/repository';
