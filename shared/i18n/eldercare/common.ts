/** 养老服务: texts every part of the module uses (settings, code tables, positions). */
import { defineMessages } from '../messages';

export const commonMessages = defineMessages({
  'zh-CN': {
    eldercare: {
      comingSoon: '这一部分正在建设中。',
      tabs: { facilities: '服务设施', orders: '服务工单', older: '老年人', coverage: '15分钟服务圈', stats: '统计', settings: '设置' },
    },
    validation: {
      eldercare: {
        code: '代码只能用小写字母、数字和下划线，以字母开头，2–24 个字符。',
        position_outside: '这个坐标不在中国境内：请检查经度和纬度是否填反或输错。',
      },
    },
  },
  en: {
    eldercare: {
      comingSoon: 'This part is being built.',
      tabs: { facilities: 'Facilities', orders: 'Service orders', older: 'Older residents', coverage: '15-minute circle', stats: 'Statistics', settings: 'Settings' },
    },
    validation: {
      eldercare: {
        code: 'A code is 2–24 lower-case letters, digits or underscores, starting with a letter.',
        position_outside: 'This point is outside China: check that longitude and latitude are not swapped or mistyped.',
      },
    },
  },
});
