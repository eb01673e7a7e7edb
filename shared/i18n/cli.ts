/**
 * The `civicdesk` command's own words: usage, options, and the database-file messages several
 * commands share. Each command's other strings live with its feature (`cli.*` keys there).
 */
import { defineMessages } from './messages';

export const cliMessages = defineMessages({
  'zh-CN': {
    cli: {
      usage: '用法：civicdesk <命令> [选项]；运行 civicdesk help 查看全部命令。',
      unknownCommand: '未知命令“{{command}}”。运行 civicdesk help 查看全部命令。',
      missingOption: '缺少选项 --{{option}}。',
      badOption: '选项有误：{{detail}}',
      passwordRequired: '请通过环境变量 CIVICDESK_PASSWORD 提供密码（或在终端中运行以便输入）。',
      dbMissing: '找不到数据库文件 {{file}}。请检查路径，或先运行 civicdesk init。',
      notADatabase: '文件 {{file}} 不是 CivicDesk 数据库（不是有效的 SQLite 文件，或已损坏）。文件未被修改。',
      dbTooNew: '数据库 {{file}} 由较新版本的 CivicDesk 创建（数据库版本 {{dbVersion}}，本程序支持到 {{appVersion}}）。请升级程序后再打开；文件未被修改。',
      fieldError: '{{field}}：{{message}}',
      globalOptions: '通用选项：--json 只在标准输出打印 JSON；--lang zh-CN|en 选择提示语言（默认中文）；-h/--help 查看帮助。密码从环境变量 CIVICDESK_PASSWORD 读取。',
      commands: {
        preview: '在浏览器中预览真实界面（仅供开发和测试，仅监听 127.0.0.1）。',
      },
      previewFiles: '页面只能选择此文件夹内的文件：{{folder}}（用 --files 指定其他文件夹）',
      dbDamaged: '数据库 {{file}} 已损坏，未打开也未修改。请恢复最近的备份：civicdesk restore {{backup}} --db {{file}} --user <用户名>',
      dbDamagedNoBackup: '数据库 {{file}} 已损坏，未打开也未修改，且没有找到自动备份。请用您保存在别处（如 U 盘）的备份：civicdesk restore <备份文件> --db {{file}} --user <用户名>',
      notAFile: '{{file}} 是一个文件夹，不是数据库文件。请在 --db 后给出数据库文件本身（例如 {{example}}）。',
      keysMissing: '数据库 {{file}} 已加密，但它旁边的密钥槽文件 {{keys}} 不见了，没有它无法打开数据库。请把该文件放回原处（备份里也带有它），或用备份恢复：civicdesk restore <备份文件> --db {{file}} --user <用户名>。数据库未被修改。',
      keysUnreadable: '数据库 {{file}} 的密钥槽文件 {{keys}} 无法读取（已损坏，或不是 CivicDesk 的密钥槽文件）。请从备份中取回这个文件，或用备份恢复。文件未被修改。',
      keysExist: '数据库 {{file}} 不存在，但旁边已有密钥槽文件 {{keys}}（属于另一个数据库或被移走的数据库）。为免覆盖它，不能在这里初始化。请换一个文件名，或先移走 {{keys}}。',
    },
  },
  en: {
    cli: {
      usage: 'Usage: civicdesk <command> [options]; run civicdesk help for all commands.',
      unknownCommand: 'Unknown command "{{command}}". Run civicdesk help for all commands.',
      missingOption: 'Missing option --{{option}}.',
      badOption: 'Bad option: {{detail}}',
      passwordRequired: 'Give the password in the CIVICDESK_PASSWORD environment variable (or run in a terminal to be asked).',
      dbMissing: 'No database file at {{file}}. Check the path, or run civicdesk init first.',
      notADatabase: 'The file {{file}} is not a CivicDesk database (not a valid SQLite file, or damaged). The file was not changed.',
      dbTooNew: 'The database {{file}} was written by a newer CivicDesk (database version {{dbVersion}}; this program supports up to {{appVersion}}). Update the program to open it; the file was not changed.',
      fieldError: '{{field}}: {{message}}',
      globalOptions: 'Global options: --json prints JSON only on stdout; --lang zh-CN|en chooses the message language (Chinese by default); -h/--help shows help. The password is read from CIVICDESK_PASSWORD.',
      commands: {
        preview: 'Preview the real UI in a browser (development and tests only; listens on 127.0.0.1 only).',
      },
      previewFiles: 'The page may choose files only inside this folder: {{folder}} (--files names another)',
      dbDamaged: 'The database {{file}} is damaged; it was not opened or changed. Restore the latest backup: civicdesk restore {{backup}} --db {{file}} --user <name>',
      dbDamagedNoBackup: 'The database {{file}} is damaged; it was not opened or changed, and no automatic backup was found. Use a backup you keep elsewhere (a USB drive): civicdesk restore <backup file> --db {{file}} --user <name>',
      notAFile: '{{file}} is a folder, not a database file. Give the database file itself after --db (for example {{example}}).',
      keysMissing: 'The database {{file}} is encrypted, but its key slot file {{keys}} is missing beside it, and it cannot be opened without it. Put that file back (every backup carries a copy), or restore a backup: civicdesk restore <backup file> --db {{file}} --user <name>. The database was not changed.',
      keysUnreadable: 'The key slot file {{keys}} of the database {{file}} cannot be read (damaged, or not a CivicDesk key slot file). Take the file back from a backup, or restore a backup. Nothing was changed.',
      keysExist: 'There is no database {{file}}, but a key slot file {{keys}} is already beside it (from another database, or one that was moved away). To keep it, no database is created here. Choose another name, or move {{keys}} away first.',
    },
  },
});
