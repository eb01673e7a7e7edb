/**
 * 机构 office: first-run setup, the office's security settings, `civicdesk init`, and the codes an
 * office code or division code can fail with.
 */
import { defineMessages } from './messages';

export const officeMessages = defineMessages({
  'zh-CN': {
    errors: {
      ALREADY_INITIALIZED: '本机构已完成初始化，请直接登录。',
      NOT_INITIALIZED: '尚未完成初始化，请先创建机构和管理员。',
    },
    validation: {
      office: {
        division_code: '行政区划代码应为 6 位数字，例如 640202（大武口区）。',
        office_code: '机构代码为 2–32 位字母、数字或短横线，例如 DWK-CYJ，请向民政局确认。',
      },
    },
    setup: {
      title: '首次使用：创建机构',
      intro: '请填写本机构信息并创建第一位管理员。机构代码由民政局分配，创建后不能修改。',
      officeSection: '机构信息',
      officeCode: '机构代码',
      officeCodeHint: '例如 DWK-CYJ，请向民政局确认。',
      officeName: '机构名称',
      officeNamePlaceholder: '例如 朝阳街道社区服务中心',
      divisionCode: '行政区划代码',
      divisionHint: '6 位数字，可从列表中选择，也可直接输入。',
      adminSection: '管理员账户',
      adminUsername: '用户名',
      adminDisplayName: '姓名',
      adminPassword: '密码',
      passwordHint: '至少 10 位，须同时包含字母和数字（可以是一句好记的话加上数字）。',
      adminPasswordConfirm: '再次输入密码',
      submit: '创建机构并登录',
      submitting: '正在创建…',
      recoveryTitle: '保存恢复密钥',
      recoveryBody: '数据库已加密。下面的恢复密钥是忘记全部密码时唯一的补救办法，只显示这一次：请立即打印或工整抄写，与公章一起锁进保险柜。不要拍照，不要存在电脑里。',
      recoveryPrint: '打印',
      recoveryConfirm: '我已打印或抄写恢复密钥，并已妥善保管',
      recoveryContinue: '继续',
    },
    settings: {
      office: {
        title: '机构安全设置',
        idleLockMinutes: '无操作自动锁定（分钟）',
        lockoutThreshold: '密码连续错误几次后锁定账户',
        lockoutMinutes: '账户锁定时长（分钟）',
        staleReloaded: '已重新载入最新设置，请确认后再保存。',
      },
    },
    cli: {
      dbExists: '文件 {{file}} 已存在，不能在其上初始化新数据库。请换一个文件名，或先备份并移走原文件。',
      folderMissing: '找不到文件夹 {{folder}}。请先创建它，或换一个已有的文件夹。',
      initDone: '已创建机构 {{name}}（{{code}}），管理员：{{admin}}。数据库：{{file}}',
      commands: {
        init: '创建新的机构数据库和第一位管理员（密码取自 CIVICDESK_PASSWORD）。',
      },
      recoveryKey: '【恢复密钥】数据库已加密。请立即抄写或打印下面的恢复密钥，存放在办公室保险柜中；所有密码都遗失时，只有它能打开数据库。它只显示这一次。',
    },
  },
  en: {
    errors: {
      ALREADY_INITIALIZED: 'This office is already set up. Please sign in.',
      NOT_INITIALIZED: 'The office is not set up yet. Create the office and its administrator first.',
    },
    validation: {
      office: {
        division_code: 'The division code has 6 digits, e.g. 640202 (Dawukou District).',
        office_code: 'The office code is 2–32 letters, digits or dashes, e.g. DWK-CYJ; ask the bureau for yours.',
      },
    },
    setup: {
      title: 'First run: create the office',
      intro: 'Enter this office’s details and create the first administrator. The bureau assigns the office code; it cannot be changed later.',
      officeSection: 'Office',
      officeCode: 'Office code',
      officeCodeHint: 'For example DWK-CYJ; ask the bureau for yours.',
      officeName: 'Office name',
      officeNamePlaceholder: 'For example Chaoyang Street Community Service Centre',
      divisionCode: 'Division code',
      divisionHint: '6 digits: pick one from the list or type it.',
      adminSection: 'Administrator account',
      adminUsername: 'User name',
      adminDisplayName: 'Full name',
      adminPassword: 'Password',
      passwordHint: 'At least 10 characters, with both letters and digits (a short phrase you remember, with a number, will do).',
      adminPasswordConfirm: 'Repeat the password',
      submit: 'Create office and sign in',
      submitting: 'Creating…',
      recoveryTitle: 'Keep the recovery key',
      recoveryBody: 'The database is encrypted. The recovery key below is the only way back in if every password is lost, and it is shown only this once: print it or copy it carefully now, and lock it in the office safe. Do not photograph it or store it on the computer.',
      recoveryPrint: 'Print',
      recoveryConfirm: 'I have printed or copied the recovery key and stored it safely',
      recoveryContinue: 'Continue',
    },
    settings: {
      office: {
        title: 'Office security settings',
        idleLockMinutes: 'Lock after inactivity (minutes)',
        lockoutThreshold: 'Wrong passwords before the account locks',
        lockoutMinutes: 'Account lock duration (minutes)',
        staleReloaded: 'The latest settings were loaded; check them and save again.',
      },
    },
    cli: {
      dbExists: 'The file {{file}} already exists; a new database cannot be created over it. Choose another name, or back up and move the file first.',
      folderMissing: 'There is no folder {{folder}}. Create it first, or choose a folder that exists.',
      initDone: 'Created office {{name}} ({{code}}), administrator {{admin}}. Database: {{file}}',
      commands: {
        init: 'Create a new office database and its first administrator (password from CIVICDESK_PASSWORD).',
      },
      recoveryKey: '[Recovery key] The database is encrypted. Write down or print the recovery key below now and keep it in the office safe: when every password is lost, only it opens the database. It is shown only this once.',
    },
  },
});
