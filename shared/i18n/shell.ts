/**
 * The app shell (窗口框架): the window title, navigation, language and theme switches, the home page,
 * modules not yet built, and the parts of the settings page that are not any one feature's.
 */
import { defineMessages } from './messages';

export const shellMessages = defineMessages({
  'zh-CN': {
    app: {
      name: '民政工作台',
      loading: '正在加载…',
      coreUnavailableTitle: '无法连接到数据服务',
      coreUnavailableBody: '程序的数据服务没有响应。请点击“重试”；如仍不行，请关闭程序后重新打开。',
      retry: '重试',
    },
    language: {
      label: '语言',
      'zh-CN': '中文',
      en: 'English',
    },
    theme: {
      label: '外观',
      light: '浅色',
      dark: '深色',
      toggleToDark: '切换为深色外观',
      toggleToLight: '切换为浅色外观',
    },
    nav: {
      label: '功能导航',
      home: '首页',
      residents: '居民',
      assistance: '社会救助',
      eldercare: '养老服务',
      governance: '基层治理',
      reports: '统计报表',
      sync: '数据报送',
      audit: '审计日志',
      settings: '设置',
    },
    shell: {
      signedInAs: '当前用户：{{name}}（{{role}}）',
      signOut: '退出登录',
      lockNow: '锁定窗口',
      openNavigation: '打开或关闭导航',
    },
    home: {
      welcome: '{{name}}，您好',
      office: '机构',
      officeCode: '机构代码',
      division: '行政区划',
      role: '您的角色',
      appVersion: '程序版本',
      schemaVersion: '数据库版本',
      noOfficeAccess: '您的角色不能查看机构资料。',
    },
    modules: {
      laterTitle: '“{{module}}”模块尚未提供',
      laterDescription: '此模块将在后续版本中提供。目前这里没有任何数据。',
    },
    settings: {
      title: '设置',
      preferences: '个人偏好',
      languageHint: '界面语言只影响本机，不影响他人。',
    },
  },
  en: {
    app: {
      name: 'CivicDesk',
      loading: 'Loading…',
      coreUnavailableTitle: 'The data service cannot be reached',
      coreUnavailableBody: 'The app’s data service is not answering. Click “Retry”; if that does not help, close the app and open it again.',
      retry: 'Retry',
    },
    language: {
      label: 'Language',
      'zh-CN': '中文',
      en: 'English',
    },
    theme: {
      label: 'Appearance',
      light: 'Light',
      dark: 'Dark',
      toggleToDark: 'Switch to dark appearance',
      toggleToLight: 'Switch to light appearance',
    },
    nav: {
      label: 'Modules',
      home: 'Home',
      residents: 'Residents',
      assistance: 'Assistance',
      eldercare: 'Elderly care',
      governance: 'Governance',
      reports: 'Reports',
      sync: 'Sync',
      audit: 'Audit trail',
      settings: 'Settings',
    },
    shell: {
      signedInAs: 'Signed in: {{name}} ({{role}})',
      signOut: 'Sign out',
      lockNow: 'Lock window',
      openNavigation: 'Show or hide navigation',
    },
    home: {
      welcome: 'Hello, {{name}}',
      office: 'Office',
      officeCode: 'Office code',
      division: 'Division',
      role: 'Your role',
      appVersion: 'App version',
      schemaVersion: 'Database version',
      noOfficeAccess: 'Your role cannot view the office profile.',
    },
    modules: {
      laterTitle: 'The “{{module}}” module is not available yet',
      laterDescription: 'This module arrives in a later version. There is no data here yet.',
    },
    settings: {
      title: 'Settings',
      preferences: 'Preferences',
      languageHint: 'The language applies to this computer only.',
    },
  },
});
