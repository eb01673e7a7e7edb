import type { PartHandlers } from '../../handlers';
import type { Db } from '../../db/connection';
import type { WriteContext } from '../../db/writes';
import type { CodeRow, eldercareSettingsContract } from '../../../../shared/contract';
import { uuidv7 } from '../../ids';
import { DEFAULT_CODES, type CodeTable, CODE_TABLES } from '../../../../shared/domain/eldercare/codes';
import { DEFAULT_ELDERCARE_SETTINGS, eldercareSettingsSchema, type EldercareSettings } from '../../../../shared/domain/eldercare/settings';
import { findCodeOverride, findSettingsRow, insertCodeOverride, insertSettingsRow, listCodeOverrides, updateCodeOverride, updateSettingsRow } from './repository';

export const SETTINGS_TABLES = ['eldercare_settings', 'eldercare_codes'] as const;

/**
 * The office's elderly-care settings: the stored object over the defaults, so a setting added in a
 * later version takes its default until the office changes it.
 */
export function readSettings(db: Db): EldercareSettings & { version: number | null } {
  const row = findSettingsRow(db);
  if (!row) return { ...DEFAULT_ELDERCARE_SETTINGS, version: null };
  const parsed = eldercareSettingsSchema.partial().safeParse(JSON.parse(row.value));
  return { ...DEFAULT_ELDERCARE_SETTINGS, ...(parsed.success ? parsed.data : {}), version: row.version };
}

/** A code table as the office has it: the shipped entries with the office's changes, then its additions. */
export function readCodes(db: Db, table?: CodeTable): CodeRow[] {
  const overrides = new Map(listCodeOverrides(db, table).map((o) => [`${o.code_table}:${o.code}`, o]));
  const rows: CodeRow[] = [];
  for (const t of table ? [table] : CODE_TABLES) {
    DEFAULT_CODES[t].forEach((entry, index) => {
      const o = overrides.get(`${t}:${entry.code}`);
      overrides.delete(`${t}:${entry.code}`);
      rows.push({ table: t, code: entry.code, zh: o?.zh ?? entry.zh, en: o?.en ?? entry.en, active: o ? o.active === 1 : true, builtIn: true, sort: o?.sort ?? index * 10 });
    });
  }
  for (const o of overrides.values()) {
    rows.push({ table: o.code_table, code: o.code, zh: o.zh, en: o.en, active: o.active === 1, builtIn: false, sort: o.sort });
  }
  return rows.sort((a, b) => a.table.localeCompare(b.table) || a.sort - b.sort || a.code.localeCompare(b.code));
}

/** The codes of a table an entry may use now (retired ones stay readable on old records). */
export function activeCodes(db: Db, table: CodeTable): Set<string> {
  return new Set(readCodes(db, table).filter((c) => c.active).map((c) => c.code));
}

/** The city's standards the bureau publishes (高龄津贴 bands, 居家养老服务补贴): the rest of the settings stay the office's. */
export const cityStandardsSchema = eldercareSettingsSchema.pick({ allowanceBands: true, homeCareSubsidy: true }).strict();

/** Apply the bureau's published standards to the office's settings (a record write: it syncs back). */
export function applyCityStandards(w: WriteContext, payload: unknown): void {
  const standards = cityStandardsSchema.parse(payload);
  const { version: _version, ...current } = readSettings(w.db);
  const row = findSettingsRow(w.db);
  const value = JSON.stringify({ ...current, ...standards });
  if (row) updateSettingsRow(w, row.id, row.version, value);
  else insertSettingsRow(w, uuidv7(), value);
}

export const settingsHandlers: PartHandlers<typeof eldercareSettingsContract> = {
  'eldercare.settings.get': (_input, ctx) => readSettings(ctx.db),
  'eldercare.settings.update': (input, ctx) => {
    const { version, ...value } = input;
    const row = findSettingsRow(ctx.db);
    if (row) updateSettingsRow(ctx.write(), row.id, version ?? 0, JSON.stringify(value));
    else insertSettingsRow(ctx.write(), uuidv7(), JSON.stringify(value));
    return readSettings(ctx.db);
  },
  'eldercare.codes.list': (input, ctx) => readCodes(ctx.db, input.table),
  'eldercare.codes.save': (input, ctx) => {
    const existing = findCodeOverride(ctx.db, input.table, input.code);
    const current = readCodes(ctx.db, input.table).find((c) => c.code === input.code);
    const sort = input.sort ?? current?.sort ?? 1000;
    if (existing) updateCodeOverride(ctx.write(), existing.id, existing.version, { ...input, sort });
    else insertCodeOverride(ctx.write(), uuidv7(), { ...input, sort });
    return readCodes(ctx.db, input.table).find((c) => c.code === input.code)!;
  },
};
