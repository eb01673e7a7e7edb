/**
 * 提醒 alerts: the shared inbox's texts. Each module's alert messages live with the module under
 * `alerts.sources.<module>.<rule>` (elderly care's: shared/i18n/eldercare/facilities.ts).
 */
import { defineMessages } from './messages';

export const alertsMessages = defineMessages({
  'zh-CN': {
    alerts: {
      title: '提醒',
      empty: '没有待处理的提醒。',
      severities: { info: '提示', warning: '注意', urgent: '紧急' },
      statuses: { open: '待处理', acknowledged: '处理中', resolved: '已解决', active: '未解决' },
      acknowledge: '我来处理',
      resolve: '标记为已解决',
      resolutionNote: '处理说明',
      resolvedAutomatically: '情况已消除，系统自动解决',
      dueOn: '截止 {{date}}',
      badge: '{{count}} 条提醒待处理',
    },
    validation: {
      alerts: {
        source: '提醒来源的格式应为「模块.规则」，如 eldercare.licence_expiring。',
        already_resolved: '这条提醒已经解决了。',
      },
    },
  },
  en: {
    alerts: {
      title: 'Alerts',
      empty: 'No alerts waiting.',
      severities: { info: 'Info', warning: 'Warning', urgent: 'Urgent' },
      statuses: { open: 'Open', acknowledged: 'In hand', resolved: 'Resolved', active: 'Unresolved' },
      acknowledge: "I'll handle it",
      resolve: 'Mark resolved',
      resolutionNote: 'What was done',
      resolvedAutomatically: 'The condition is gone; resolved automatically',
      dueOn: 'Due {{date}}',
      badge: '{{count}} alerts waiting',
    },
    validation: {
      alerts: {
        source: 'An alert source is "module.rule", e.g. eldercare.licence_expiring.',
        already_resolved: 'This alert is already resolved.',
      },
    },
  },
});
