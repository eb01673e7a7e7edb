/**
 * The catalogs: each feature's messages (one file per feature, both languages), joined. Adding a
 * module = its `shared/i18n/<module>.ts` + one line in FEATURE_MESSAGES.
 */
import type { ErrorCode } from '../contract/result';
import { interpolate } from './interpolate';
import { joinMessages, leavesOf, type Language, type LeafPath } from './messages';
import { commonMessages } from './common';
import { shellMessages } from './shell';
import { cliMessages } from './cli';
import { officeMessages } from './office';
import { accountsMessages } from './accounts';
import { systemMessages } from './system';
import { residentsMessages } from './residents';
import { householdsMessages } from './households';
import { gridsMessages } from './grids';
import { importsMessages } from './imports';
import { auditMessages } from './audit';
import { backupMessages } from './backup';
import { draftsMessages } from './drafts';
import { demoMessages } from './demo';
import { filesMessages } from './files';
import { alertsMessages } from './alerts';
import { alertsUiMessages } from './alerts-ui';
import { eldercareMessages } from './eldercare';
import { syncMessages } from './sync';
import { syncUiMessages } from './sync-ui';

export const FEATURE_MESSAGES = {
  common: commonMessages,
  shell: shellMessages,
  cli: cliMessages,
  office: officeMessages,
  accounts: accountsMessages,
  system: systemMessages,
  residents: residentsMessages,
  households: householdsMessages,
  grids: gridsMessages,
  imports: importsMessages,
  audit: auditMessages,
  backup: backupMessages,
  drafts: draftsMessages,
  demo: demoMessages,
  files: filesMessages,
  alerts: alertsMessages,
  alertsUi: alertsUiMessages,
  eldercare: eldercareMessages,
  sync: syncMessages,
  syncUi: syncUiMessages,
};

export { LANGUAGES, type Language } from './messages';
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const catalogs = joinMessages(FEATURE_MESSAGES);
export type Catalog = (typeof catalogs)['zh-CN'];
export const zhCN: Catalog = catalogs['zh-CN'];
export const en: Catalog = catalogs.en;

// Every error code the contract can return has its message (the compiler checks it here).
const _everyErrorHasAMessage: Record<ErrorCode, string> = catalogs.en.errors;

/**
 * A field-issue code: a text under `validation` — un-prefixed for the generic checks (`required`),
 * `<feature>.<code>` for a feature's own (`households.head_required`).
 */
export type ValidationCode = LeafPath<Catalog['validation']>;

const validationCodes: ReadonlySet<string> = new Set(leavesOf(catalogs['zh-CN'].validation).keys());

export function isValidationCode(code: string): code is ValidationCode {
  return validationCodes.has(code);
}

/** Look up `section.key` in a catalog without i18next (core, CLI). Falls back to the key itself. */
export function translate(language: Language, key: string, params?: Record<string, string | number>): string {
  let node: unknown = catalogs[language];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? interpolate(node, params) : key;
}

export { interpolate };
