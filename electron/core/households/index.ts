/** What other features may use of households (they import nothing else from this folder; eslint-plugin-boundaries checks). */
export { closeMembership, currentMembers, findHousehold, insertHousehold, openMembership, tombstoneHousehold } from './repository';
