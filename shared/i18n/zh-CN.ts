/**
 * 简体中文 — the default language. Every user-visible string lives here and in `en.ts`
 * (the compiler and a test keep the two complete). Sections: errors (contract error codes),
 * validation (field issue codes), cli, and the UI sections used by the renderer.
 */
export const zhCN = {
  errors: {
    INVALID_INPUT: '输入有误，请按提示修改后再保存。',
    UNKNOWN_METHOD: '程序请求了不存在的功能，请更新到最新版本。',
    UNAUTHENTICATED: '请先登录。',
    SESSION_LOCKED: '窗口已因长时间未操作而锁定，请输入密码解锁。',
    FORBIDDEN: '您的角色没有此项权限，如需办理请联系管理员。',
    BAD_CREDENTIALS: '用户名或密码错误，请重新输入。',
    ACCOUNT_LOCKED: '密码错误次数过多，账户已锁定，请在 {{until}} 之后再试，或请管理员重置密码。',
    ACCOUNT_DISABLED: '该账户已停用，请联系管理员。',
    ALREADY_INITIALIZED: '本机构已完成初始化，请直接登录。',
    NOT_INITIALIZED: '尚未完成初始化，请先创建机构和管理员。',
    NOT_FOUND: '找不到该记录，可能已被删除，请刷新后重试。',
    DUPLICATE_ID: '该证件号码已登记（{{existing}}），不能重复登记。',
    DUPLICATE_USERNAME: '用户名“{{username}}”已被使用，请换一个。',
    STALE_VERSION: '这条记录已被他人修改（当前版本 {{current}}），请刷新查看最新内容后再修改。',
    LAST_ADMIN: '不能停用或降级最后一位管理员，请先指定另一位管理员。',
    CANCELLED: '操作已取消，数据未作更改。',
    INTERNAL: '系统出现意外错误，数据未作更改。请重试；如仍出错，请将参考编号 {{ref}} 告知技术支持。',
  },
  validation: {
    required: '此项必填。',
    invalid: '格式不正确，请检查。',
    invalid_type: '类型不正确，请检查。',
    invalid_value: '请选择列表中的一项。',
    invalid_id: '记录编号格式不正确。',
    unknown_field: '包含无法识别的字段：{{keys}}。',
    too_short: '至少需要 {{minimum}} 个字符。',
    too_long: '最多 {{maximum}} 个字符。',
    too_small: '不能小于 {{minimum}}。',
    too_big: '不能大于 {{maximum}}。',
    division_code: '行政区划代码应为 6 位数字，例如 640202（大武口区）。',
    office_code: '机构代码为 2–32 位字母、数字或短横线，例如 DWK-CYJ，请向民政局确认。',
    username: '用户名为 2–32 位汉字、字母、数字或 _ . -，不能含空格。',
    password_short: '密码至少 8 位。',
    password_weak: '密码须同时包含字母和数字。',
    password_unchanged: '新密码不能与当前密码相同。',
    password_mismatch: '两次输入的密码不一致。',
    current_password_wrong: '当前密码不正确。',
  },
  cli: {
    usage: '用法：civicdesk <命令> [选项]；运行 civicdesk help 查看全部命令。',
    unknownCommand: '未知命令“{{command}}”。运行 civicdesk help 查看全部命令。',
    missingOption: '缺少选项 --{{option}}。',
    badOption: '选项有误：{{detail}}',
    passwordRequired: '请通过环境变量 CIVICDESK_PASSWORD 提供密码（或在终端中运行以便输入）。',
    dbExists: '文件 {{file}} 已存在，不能在其上初始化新数据库。请换一个文件名，或先备份并移走原文件。',
    dbMissing: '找不到数据库文件 {{file}}。请检查路径，或先运行 civicdesk init。',
    notADatabase: '文件 {{file}} 不是 CivicDesk 数据库（不是有效的 SQLite 文件，或已损坏）。文件未被修改。',
    dbTooNew: '数据库 {{file}} 由较新版本的 CivicDesk 创建（数据库版本 {{dbVersion}}，本程序支持到 {{appVersion}}）。请升级程序后再打开；文件未被修改。',
    initDone: '已创建机构 {{name}}（{{code}}），管理员：{{admin}}。数据库：{{file}}',
    fieldError: '{{field}}：{{message}}',
  },
};

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
export type Catalog = DeepStrings<typeof zhCN>;
