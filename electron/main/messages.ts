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
  /** The database failed its integrity check: offer the latest good backup. */
  damagedTitle: string;
  damaged: (p: { file: string }) => string;
  damagedOffer: (p: { backup: string; taken: string; residents: string; households: string }) => string;
  /** A plain database's backup has no MAC: its counts are what its header claims. */
  damagedOfferUnverified: (p: { backup: string; taken: string; residents: string; households: string }) => string;
  damagedNoBackup: (p: { file: string }) => string;
  /** Encrypted, and no backup whose header the key verified when the damage was found. */
  damagedNoVerifiedBackup: (p: { file: string; backup: string }) => string;
  /** The backup is another office's, or the database's key slot file is missing or unreadable. */
  damagedBackupRefused: (p: { file: string; backup: string }) => string;
  restoreBackup: string;
  quit: string;
  restoreFailedTitle: string;
  restoreFailed: (p: { backup: string; logDir: string }) => string;
  /** The key slot file beside an encrypted database is missing, or cannot be read. */
  keysMissing: (p: { file: string; keys: string }) => string;
  keysUnreadable: (p: { file: string; keys: string }) => string;
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
  damagedTitle: '数据库已损坏',
  damaged: ({ file }) => `数据库文件 ${file} 没有通过完整性检查，程序没有打开它。`,
  damagedOffer: ({ backup, taken, residents, households }) =>
    `可以用最近一次完好的备份恢复：\n${backup}\n备份时间 ${taken}，居民 ${residents} 人，${households} 户（发现损坏时已用本数据库的密钥核验）。\n\n` +
    '备份之后录入的内容不在其中。损坏的数据库会改名留存在原文件夹，不会删除。',
  damagedOfferUnverified: ({ backup, taken, residents, households }) =>
    `可以用最近一次完好的备份恢复：\n${backup}\n备份时间 ${taken}，居民 ${residents} 人，${households} 户（未经核验：这是备份自述的数字）。\n\n` +
    '备份之后录入的内容不在其中。损坏的数据库会改名留存在原文件夹，不会删除。',
  damagedNoVerifiedBackup: ({ file, backup }) =>
    `数据库文件 ${file} 被标记为已损坏，程序没有打开也没有修改它。找到的备份 ${backup} 没有经过本数据库密钥的核验，所以不在这里直接恢复。\n\n` +
    '请联系技术支持，用 civicdesk restore 恢复：它会先用您的密码核实数据库确实已损坏、备份确实属于本数据库。',
  damagedBackupRefused: ({ file, backup }) =>
    `数据库文件 ${file} 被标记为已损坏，但备份 ${backup} 不能在这里恢复：它属于另一个机构，或者数据库旁的密钥槽文件（.keys）不见了或无法读取。\n\n` +
    '程序没有修改任何文件。请联系技术支持，用 civicdesk restore 处理。',
  damagedNoBackup: ({ file }) =>
    `数据库文件 ${file} 没有通过完整性检查，程序没有打开也没有修改它，且没有找到自动备份。\n\n` +
    '如果您在 U 盘等处另存了备份，请联系技术支持用 civicdesk restore 恢复。',
  restoreBackup: '用备份恢复',
  quit: '退出',
  restoreFailedTitle: '恢复失败',
  restoreFailed: ({ backup, logDir }) => `无法用备份 ${backup} 恢复，数据库没有被替换。\n\n详细信息已写入日志目录：${logDir}\n请把其中的日志文件交给技术支持。`,
  keysMissing: ({ file, keys }) =>
    `数据库 ${file} 已加密，但它旁边的密钥槽文件 ${keys} 不见了，没有它无法打开数据库。\n\n程序没有修改任何文件。请把该文件放回原处（每份备份里都带有它），或联系技术支持用备份恢复。`,
  keysUnreadable: ({ file, keys }) =>
    `数据库 ${file} 的密钥槽文件 ${keys} 无法读取（已损坏，或不是民政工作台的密钥槽文件）。\n\n程序没有修改任何文件。请联系技术支持从备份中取回这个文件。`,
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
  damagedTitle: 'The database is damaged',
  damaged: ({ file }) => `The database file ${file} failed its integrity check, so it was not opened.`,
  damagedOffer: ({ backup, taken, residents, households }) =>
    `You can restore the latest good backup:\n${backup}\ntaken ${taken}, with ${residents} residents in ${households} households (verified with this database's key when the damage was found).\n\n` +
    'Anything entered after that backup is not in it. The damaged database is kept, renamed, in the same folder; nothing is deleted.',
  damagedOfferUnverified: ({ backup, taken, residents, households }) =>
    `The latest good backup can be restored:\n${backup}\nTaken ${taken}: ${residents} residents, ${households} households (unverified: as the backup itself says).\n\n` +
    'Anything entered after that backup is not in it. The damaged database is kept, renamed, in the same folder; nothing is deleted.',
  damagedNoVerifiedBackup: ({ file, backup }) =>
    `The database file ${file} is marked damaged; it was not opened or changed. The backup found, ${backup}, was not verified with this database's key, so it is not restored from here.\n\n` +
    'Ask technical support to restore with civicdesk restore: it first uses your password to confirm that the database is damaged and that the backup belongs to it.',
  damagedBackupRefused: ({ file, backup }) =>
    `The database file ${file} is marked damaged, but the backup ${backup} cannot be restored from here: it belongs to another office, or the key slot file (.keys) beside the database is missing or unreadable.\n\n` +
    'No file was changed. Ask technical support to use civicdesk restore.',
  damagedNoBackup: ({ file }) =>
    `The database file ${file} failed its integrity check; it was not opened or changed, and no automatic backup was found.\n\n` +
    'If you keep a backup elsewhere (a USB drive), ask support to restore it with civicdesk restore.',
  restoreBackup: 'Restore the backup',
  quit: 'Quit',
  restoreFailedTitle: 'Restore failed',
  restoreFailed: ({ backup, logDir }) =>
    `The backup ${backup} could not be restored; the database was not replaced.\n\nDetails were written to the log folder: ${logDir}\nPlease give the log file there to support.`,
  keysMissing: ({ file, keys }) =>
    `The database ${file} is encrypted, but its key slot file ${keys} is missing beside it, and it cannot be opened without it.\n\n` +
    'No file was changed. Put that file back (every backup carries a copy), or ask support to restore a backup.',
  keysUnreadable: ({ file, keys }) =>
    `The key slot file ${keys} of the database ${file} cannot be read (damaged, or not a CivicDesk key slot file).\n\nNo file was changed. Ask support to take the file back from a backup.`,
};

/** Chinese for any Chinese locale (zh, zh-CN, zh-TW …), English otherwise — zh-CN is the house default. */
export function mainLanguage(locale: string): MainLanguage {
  return locale === '' || /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}

export function mainMessages(locale: string): MainMessages {
  return mainLanguage(locale) === 'zh-CN' ? zhCN : en;
}
