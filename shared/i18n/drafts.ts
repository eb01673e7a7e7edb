/**
 * 草稿 drafts: the form drafts kept while a clerk types (the form's own draft texts are the residents').
 */
import { defineMessages } from './messages';

export const draftsMessages = defineMessages({
  'zh-CN': {
    validation: {
      drafts: {
        too_large: '草稿太大（最多 {{maximum}} KB），未能保存；请先保存或精简这份表单。',
      },
    },
  },
  en: {
    validation: {
      drafts: {
        too_large: 'The draft is too large to keep (at most {{maximum}} KB); save the form or shorten it.',
      },
    },
  },
});
