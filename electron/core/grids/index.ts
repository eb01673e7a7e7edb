/** What other features may use of grids (they import nothing else from this folder; eslint-plugin-boundaries checks). */
export { findGridByCode, gridExists, insertGrid } from './repository';
