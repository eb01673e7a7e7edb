/** 养老服务 — statistics: their texts, and the `eldercare stats` command's help. */
import { defineMessages } from '../messages';

export const statsMessages = defineMessages({
  'zh-CN': {
    eldercare: {
      stats: {
        title: '统计',
        from: '起始日期',
        to: '截止日期',
        personTimes: '服务人次',
        peopleServed: '服务人数',
        byService: '按服务项目',
        byFacility: '按服务机构',
        byGrid: '按网格',
        byMonth: '按月',
        capacity: '床位/名额使用',
        places: '床位/名额',
        served: '本期服务人数',
        use: '本期使用率',
        assessments: '能力评估',
        assessmentsDone: '已评估',
        assessmentsDue: '本期到期',
        assessmentsOverdue: '本期到期已逾期',
        coverageShare: '服务圈覆盖率',
        noFacility: '其他服务商',
        noGrid: '未划网格',
        drill: '查看明细',
      },
    },
    validation: { eldercare: { period_order: '截止日期不能早于起始日期。' } },
    cli: {
      commands: { eldercareStats: '养老服务统计：一段时间的服务人次、人数、机构使用和评估（与界面同一口径）' },
      eldercareStats: {
        heading: '养老服务统计 {{from}} 至 {{to}}',
        personTimes: '服务人次：{{count}}',
        peopleServed: '服务人数：{{count}}',
      },
    },
  },
  en: {
    eldercare: {
      stats: {
        title: 'Statistics',
        from: 'From',
        to: 'To',
        personTimes: 'Person-times',
        peopleServed: 'People served',
        byService: 'By service',
        byFacility: 'By facility',
        byGrid: 'By grid',
        byMonth: 'By month',
        capacity: 'Capacity use',
        places: 'Places',
        served: 'Served in the period',
        use: 'Use in the period',
        assessments: 'Assessments',
        assessmentsDone: 'Done',
        assessmentsDue: 'Due in the period',
        assessmentsOverdue: 'Due in the period, overdue',
        coverageShare: 'Circle coverage',
        noFacility: 'Other providers',
        noGrid: 'No grid',
        drill: 'Show records',
      },
    },
    validation: { eldercare: { period_order: 'The end date cannot be before the start date.' } },
    cli: {
      commands: { eldercareStats: 'Elderly-care statistics for a period: person-times, people, capacity use and assessments (the same figures as the app)' },
      eldercareStats: {
        heading: 'Elderly-care statistics {{from}} to {{to}}',
        personTimes: 'Person-times: {{count}}',
        peopleServed: 'People served: {{count}}',
      },
    },
  },
});
