/**
 * The database check (数据库检查): the background check's badge in the header, the settings section,
 * `civicdesk verify` and `civicdesk db info`.
 */
import { defineMessages } from './messages';

export const systemMessages = defineMessages({
  'zh-CN': {
    databaseCheck: {
      label: '数据库检查',
      checking: '数据库检查中…',
      passed: '检查通过',
      damaged: '发现损坏',
      failed: '检查未完成',
      checkingDetail: '正在后台检查数据库文件（{{done}} / {{total}}），可以照常工作。',
      pendingDetail: '登录后会在后台检查数据库文件，可以照常工作。',
      passedDetail: '数据库检查通过：{{time}} 检查了整个文件，用时 {{seconds}} 秒。',
      damagedDetail:
        '数据库检查发现文件已损坏。请保存手头的工作，然后关闭并重新启动民政工作台，按提示用最近一次完好的自动备份恢复：{{backup}}。该备份之后录入的内容需要重新录入。',
      damagedNoBackup: '数据库检查发现文件已损坏，并且没有可用的自动备份。请不要继续录入，立即联系技术支持（civicdesk restore 可以恢复存放在别处的备份）。',
      failedDetail: '数据库检查没有完成（{{message}}）。下次打开程序时会再次检查；也可以在“设置 → 数据库检查”中手动检查。',
    },
    settings: {
      maintenance: {
        title: '数据库检查',
        description: '检查数据库文件是否完好、变更记录是否连续。检查期间可以继续工作。',
        start: '检查数据库',
        cancel: '停止检查',
        running: '正在检查：{{done}} / {{total}}',
        okResult: '检查完成，未发现问题（共 {{entries}} 条变更记录）。',
        problemsResult: '检查完成，发现 {{count}} 个问题。请把下列内容告知技术支持：',
        cancelled: '检查已停止，数据未作更改。',
      },
    },
    cli: {
      commands: {
        dbInfo: '显示数据库的版本、机构信息和各类记录数。',
        verify: '全面检查数据库：完整性检查、变更日志连续性、密钥槽文件；有任何问题时退出码为 1。',
      },
      verifyOk: '检查通过：完整性正常，变更日志连续（{{entries}} 条），密钥槽正常（{{slots}} 个）。',
      verifyCipher: '页面加密：{{cipher}}。',
      verifyOlderCipher: '页面加密：{{cipher}}（较早的格式，搜索和导入较慢）。先备份，再恢复这个备份，数据库即改用 AEGIS-256。',
      verifyProblems: '发现问题：',
      verifyPart: '  [{{part}}] {{problem}}',
      info: {
        office: '机构：{{name}}（{{code}}），行政区划 {{division}}',
        schema: '数据库版本 {{schema}}，程序版本 {{app}}',
      },
    },
  },
  en: {
    databaseCheck: {
      label: 'Database check',
      checking: 'Checking database…',
      passed: 'Check passed',
      damaged: 'Damage found',
      failed: 'Check not finished',
      checkingDetail: 'The database file is being checked in the background ({{done}} / {{total}}). You can keep working.',
      pendingDetail: 'After sign-in the database file is checked in the background. You can keep working.',
      passedDetail: 'Database check passed: the whole file was checked at {{time}} in {{seconds}} s.',
      damagedDetail:
        'The database check found the file damaged. Save what you are working on, then close CivicDesk and start it again, and accept the offer to restore the latest good automatic backup: {{backup}}. Anything entered after that backup must be entered again.',
      damagedNoBackup: 'The database check found the file damaged, and there is no automatic backup to restore. Stop entering data and contact support now (civicdesk restore can restore a backup kept elsewhere).',
      failedDetail: 'The database check did not finish ({{message}}). It runs again the next time the app opens; you can also run it from Settings → Database check.',
    },
    settings: {
      maintenance: {
        title: 'Database check',
        description: 'Checks that the database file is intact and the change log has no gaps. You can keep working while it runs.',
        start: 'Check database',
        cancel: 'Stop check',
        running: 'Checking: {{done}} / {{total}}',
        okResult: 'Check finished: no problems found ({{entries}} change log entries).',
        problemsResult: 'Check finished: {{count}} problem(s) found. Give support the following:',
        cancelled: 'The check was stopped; no data was changed.',
      },
    },
    cli: {
      commands: {
        dbInfo: 'Show the database version, the office and record counts.',
        verify: 'Check the database thoroughly: integrity check, change-log continuity, key slot file; exits 1 if anything is wrong.',
      },
      verifyOk: 'All checks passed: integrity sound, change log continuous ({{entries}} entries), key slots sound ({{slots}}).',
      verifyCipher: 'Page encryption: {{cipher}}.',
      verifyOlderCipher: 'Page encryption: {{cipher}} (the older format, slower to search and import). Back up, then restore that backup, and the database moves to AEGIS-256.',
      verifyProblems: 'Problems found:',
      verifyPart: '  [{{part}}] {{problem}}',
      info: {
        office: 'Office: {{name}} ({{code}}), division {{division}}',
        schema: 'Database version {{schema}}, program version {{app}}',
      },
    },
  },
});
