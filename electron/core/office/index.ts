/** What other features may use of office (they import nothing else from this folder; eslint-plugin-boundaries checks). */
export { DEFAULT_SETTINGS, findOffice, findSettings } from './repository';
