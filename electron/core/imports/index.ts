/**
 * What other features may use of imports (they import nothing else from this folder): opening a
 * spreadsheet — .xlsx or CSV in UTF-8 or GBK, recognized by its bytes — row by row, and reading its
 * cells the way the residents import does (full-width folded, Excel's text guards removed, dates in
 * every shape the offices use, header text normalized for matching).
 */
export { ImportFileError, openSource } from './source';
export type { OpenedSource, SheetRow } from './source';
export { cellText, headerKey, parseDate } from './cells';
export type { Cell } from './cells';
