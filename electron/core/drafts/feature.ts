/** 草稿 drafts: unsaved forms kept per user, so a crash loses no typing. */
import { defineFeature } from '../feature';
import { draftsHandlers } from './service';

export const draftsFeature = defineFeature({
  folder: 'drafts',
  handlers: draftsHandlers,
});
