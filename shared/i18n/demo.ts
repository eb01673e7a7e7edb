/**
 * Demonstration data (`civicdesk demo`).
 */
import { defineMessages } from './messages';

export const demoMessages = defineMessages({
  'zh-CN': {
    cli: {
      commands: {
        demo: '生成演示数据：逼真的居民、户和网格（同一种子结果相同）。',
      },
      demoDone: '已生成 {{residents}} 位居民、{{households}} 户、{{grids}} 个网格（每秒 {{rate}} 人）。',
    },
  },
  en: {
    cli: {
      commands: {
        demo: 'Generate demo data: realistic residents, households and grids (the same seed gives the same data).',
      },
      demoDone: 'Generated {{residents}} residents, {{households}} households and {{grids}} grids ({{rate}} per second).',
    },
  },
});
