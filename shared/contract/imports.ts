/**
 * 表格导入导出 spreadsheet import and export: offices bring their Excel rosters in (preview, then one
 * all-or-nothing import that can be undone as one step) and take filtered lists out.
 * Named `imports.*` / `exports.*` rather than `residents.import.*` so each section keeps its own
 * handler map (a `residents.` prefix would make them part of the residents service's map).
 */
import { z } from 'zod';
import { method } from './define';
import { idSchema } from './common';
import { residentFiltersSchema } from './residents';

/** What a spreadsheet column can be mapped to; anything else is ignored. */
export const IMPORT_FIELDS = [
  'name',
  'idNumber',
  'sex',
  'birthDate',
  'age',
  'phone',
  'phone2',
  'address',
  'grid',
  'ethnicity',
  'maritalStatus',
  'hukouType',
  'employment',
  'healthStatus',
  'relation',
  'householdKey',
  'headIdNumber',
  'headName',
  'livingAlone',
  'emptyNest',
  'leftBehind',
  'seriousIllness',
  'disabilityCert',
  'lowIncomeCategory',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const LANGUAGE_CODES = ['zh-CN', 'en'] as const;

/** One column of the file and what it is taken as (`null`: ignored). `column` counts from 0. */
export const columnMappingSchema = z.object({ column: z.number().int().min(0).max(16_383), field: z.enum(IMPORT_FIELDS).nullable() });
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** A file: the handle a dialog gave the window (file-dialogs.ts), or a path from the CLI. */
const filePath = z.string().trim().min(1, { message: 'required' }).max(4096, { message: 'too_long' });

export const importSourceSchema = z.object({
  file: filePath,
  /** Worksheet name (xlsx); the first sheet when absent. */
  sheet: z.string().max(100).optional(),
  /** The clerk's mapping; replaces the recognized (or remembered) one entirely. */
  mapping: z.array(columnMappingSchema).max(500).optional(),
  /** Header rows (1-based, inclusive) when recognition picks the wrong ones. */
  header: z.object({ first: z.number().int().min(1), last: z.number().int().min(1) }).optional(),
  /** Language of the messages and of the error report. */
  language: z.enum(LANGUAGE_CODES).default('zh-CN'),
  /** Write an error report (.xlsx: each invalid row as it was, with the reasons beside it). */
  reportFile: filePath.optional(),
  /** How many invalid rows the answer lists (the report always has all of them). */
  maxRows: z.number().int().min(0).max(1_000_000).default(1000),
});
export type ImportSource = z.infer<typeof importSourceSchema>;

/**
 * One problem with a row. `message` is in the language asked for (the CLI prints it); the window
 * renders `code` and `params` itself (shared `issueMessage`), so the reason follows the language on
 * screen. Params never hold a whole ID number: the core masks any it would send.
 */
export const rowIssueSchema = z.object({
  field: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export const invalidRowSchema = z.object({ row: z.number().int(), errors: z.array(rowIssueSchema) });
export type InvalidRow = z.infer<typeof invalidRowSchema>;

export const importCountsSchema = z.object({
  /** Data rows in the file, blank rows and exact repeats not counted. */
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Of the valid rows: new residents, changes to registered ones, and rows that change nothing. */
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  blank: z.number().int(),
  /** Rows repeating an earlier row exactly; skipped. */
  duplicates: z.number().int(),
  /** New households the valid rows make. */
  households: z.number().int(),
});

export const importPreviewSchema = importCountsSchema.extend({
  format: z.enum(['xlsx', 'csv']),
  /** CSV only: how the bytes were read. */
  encoding: z.enum(['utf8', 'utf8-bom', 'gb18030']).nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  header: z.object({ first: z.number().int(), last: z.number().int() }),
  columns: z.array(z.object({ column: z.number().int(), header: z.string(), field: z.enum(IMPORT_FIELDS).nullable() })),
  mappingSource: z.enum(['input', 'remembered', 'recognized']),
  /** Identifies the header layout; a confirmed mapping is remembered under it. */
  layout: z.string(),
  fileSha256: z.string(),
  rows: z.array(invalidRowSchema),
  /** More invalid rows exist than `rows` lists. */
  truncated: z.boolean(),
  reportFile: z.string().nullable(),
  ms: z.number(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importSummarySchema = z.object({
  id: idSchema,
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  households: z.number().int(),
  userId: z.string().nullable(),
  /** Who imported it (the account's display name now). */
  userName: z.string().nullable(),
  at: z.string(),
  undoneAt: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const CSV_ENCODINGS = ['gbk', 'utf8'] as const;

export const importsContract = {
  /** Read and check the whole file with the form's rules; writes nothing. */
  'imports.preview': method({ kind: 'job', access: 'records.write', input: importSourceSchema, output: importPreviewSchema }),
  /**
   * Import in one transaction: all of it lands or none of it (cancel included). With invalid rows it
   * writes nothing unless `skipInvalid`. `expectSha256` (from the preview) refuses a file changed since.
   */
  'imports.commit': method({
    kind: 'job',
    access: 'records.write',
    input: importSourceSchema.extend({
      skipInvalid: z.boolean().default(false),
      expectSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      /** Remember the mapping for files with the same header layout. */
      rememberMapping: z.boolean().default(true),
    }),
    output: importPreviewSchema.extend({ written: z.boolean(), importId: idSchema.nullable() }),
  }),
  /** Undo an import as one step: what it created is tombstoned, what it changed is put back. */
  'imports.undo': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ importId: idSchema, language: z.enum(LANGUAGE_CODES).default('zh-CN') }),
    output: z.object({ importId: idSchema, removed: z.number().int(), restored: z.number().int(), households: z.number().int() }),
  }),
  'imports.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.array(importSummarySchema),
  }),
  /** A filtered resident list to .xlsx (Chinese headers) or CSV; ID numbers in full only for roles that may see them. */
  'exports.residents': method({
    kind: 'job',
    access: 'records.read',
    input: z.object({
      file: filePath,
      format: z.enum(EXPORT_FORMATS).optional(),
      encoding: z.enum(CSV_ENCODINGS).default('utf8'),
      filters: residentFiltersSchema.default({}),
      /** Mask ID numbers even for a role that may see them in full. */
      maskIds: z.boolean().default(false),
      language: z.enum(LANGUAGE_CODES).default('zh-CN'),
    }),
    output: z.object({ file: z.string(), format: z.enum(EXPORT_FORMATS), rows: z.number().int(), idsMasked: z.boolean(), ms: z.number() }),
  }),
  'imports.mappings.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({}).strict(),
    output: z.array(z.object({ layout: z.string(), headers: z.array(z.string()), mapping: z.array(columnMappingSchema), updatedAt: z.string() })),
  }),
  'imports.mappings.forget': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ layout: z.string().min(1).max(64) }),
    output: z.object({ forgotten: z.boolean() }),
  }),
};
