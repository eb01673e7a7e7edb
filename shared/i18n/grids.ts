/**
 * 网格 grids: the refusals of grid management.
 */
import { defineMessages } from './messages';

export const gridsMessages = defineMessages({
  'zh-CN': {
    validation: {
      grids: {
        code_taken: '网格编号 {{code}} 已被使用。',
      },
    },
  },
  en: {
    validation: {
      grids: {
        code_taken: 'Grid code {{code}} is already used.',
      },
    },
  },
});
