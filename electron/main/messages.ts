/**
 * The few strings the main process shows itself (native dialogs before any window exists).
 * They live here rather than in shared/i18n because they are shown before the renderer's i18n
 * runs, and the shared catalog is edited by others; the wording follows its `cli.*` messages.
 */
export type MainLanguage = 'zh-CN' | 'en';

export interface MainMessages {
  windowTitle: string;
  notADatabaseTitle: string;
  notADatabase: (p: { file: string }) => string;
  dbTooNewTitle: string;
  dbTooNew: (p: { file: string; dbVersion: string; schemaVersion: string; appVersion: string }) => string;
  startFailedTitle: string;
  startFailed: (p: { logDir: string }) => string;
}

const zhCN: MainMessages = {
  windowTitle: '民政工作台 CivicDesk',
  notADatabaseTitle: '无法打开数据库',
  notADatabase: ({ file }) =>
    `文件 ${file} 不是民政工作台的数据库（不是有效的 SQLite 文件，或已损坏）。\n\n` +
    '程序没有修改这个文件。请把它移走或改名（如有备份，可用备份替换），然后重新启动民政工作台。',
  dbTooNewTitle: '数据库版本过新',
  dbTooNew: ({ file, dbVersion, schemaVersion, appVersion }) =>
    `数据库 ${file} 由更新版本的民政工作台写入（数据库版本 ${dbVersion}；本程序 ${appVersion} 最高支持 ${schemaVersion}）。\n\n` +
    '程序没有修改这个文件。请安装最新版本的民政工作台后再打开。',
  startFailedTitle: '民政工作台无法启动',
  startFailed: ({ logDir }) => `启动时发生意外错误，数据没有被修改。\n\n详细信息已写入日志目录：${logDir}\n请把其中的日志文件交给技术支持。`,
};

const en: MainMessages = {
  windowTitle: 'CivicDesk',
  notADatabaseTitle: 'Cannot open the database',
  notADatabase: ({ file }) =>
    `The file ${file} is not a CivicDesk database (not a valid SQLite file, or damaged).\n\n` +
    'The file was not changed. Move or rename it (or replace it with a backup), then start CivicDesk again.',
  dbTooNewTitle: 'Database is from a newer version',
  dbTooNew: ({ file, dbVersion, schemaVersion, appVersion }) =>
    `The database ${file} was written by a newer CivicDesk (database version ${dbVersion}; this program, ${appVersion}, supports up to ${schemaVersion}).\n\n` +
    'The file was not changed. Install the latest CivicDesk to open it.',
  startFailedTitle: 'CivicDesk could not start',
  startFailed: ({ logDir }) =>
    `Something unexpected went wrong while starting; no data was changed.\n\nDetails were written to the log folder: ${logDir}\nPlease give the log file there to support.`,
};

/** Chinese for any Chinese locale (zh, zh-CN, zh-TW …), English otherwise — zh-CN is the house default. */
export function mainLanguage(locale: string): MainLanguage {
  return locale === '' || /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}

export function mainMessages(locale: string): MainMessages {
  return mainLanguage(locale) === 'zh-CN' ? zhCN : en;
}
