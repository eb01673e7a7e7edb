/**
 * The database check (数据库检查): the settings section, `civicdesk verify` and `civicdesk db info`.
 */
import { defineMessages } from './messages';

export const systemMessages = defineMessages({
  'zh-CN': {
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
