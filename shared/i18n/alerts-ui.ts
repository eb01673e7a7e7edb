/**
 * 提醒 — the inbox screen's own words and its navbar entry. The alerts' shared labels (statuses,
 * severities, the buttons) are in ./alerts.ts; each module's messages under alerts.sources.*.
 */
import { defineMessages } from './messages';

export const alertsUiMessages = defineMessages({
  'zh-CN': {
    nav: { alerts: '提醒' },
    alertsUi: {
      severity: '紧急程度',
      message: '内容',
      due: '截止日期',
      raisedAt: '提出时间',
      record: '相关记录',
      handling: '处理情况',
      open: '查看相关记录',
      openNamed: '查看「{{name}}」',
      unknownSource: '来自「{{source}}」的提醒',
      emptyResolved: '还没有已解决的提醒。',
      acknowledged: '已认领这条提醒。',
      acknowledgedBy: '{{name}} 于 {{at}} 认领',
      resolvedBy: '{{name}} 于 {{at}} 解决',
      resolveTitle: '解决提醒',
      noteOptional: '可不填。',
      resolved: '已标记为解决。',
      pages: '提醒分页',
    },
  },
  en: {
    nav: { alerts: 'Alerts' },
    alertsUi: {
      severity: 'Severity',
      message: 'Message',
      due: 'Due',
      raisedAt: 'Raised',
      record: 'Record',
      handling: 'Handling',
      open: 'Open the record',
      openNamed: 'Open "{{name}}"',
      unknownSource: 'An alert from "{{source}}"',
      emptyResolved: 'No resolved alerts yet.',
      acknowledged: 'You have taken this alert.',
      acknowledgedBy: 'Taken by {{name}} on {{at}}',
      resolvedBy: 'Resolved by {{name}} on {{at}}',
      resolveTitle: 'Resolve the alert',
      noteOptional: 'Optional.',
      resolved: 'Marked resolved.',
      pages: 'Alert pages',
    },
  },
});
