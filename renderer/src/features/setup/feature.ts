import { defineFeature } from '../../app/registry/feature';

/** 首次设置: shown by the session gate (app/session) before there is an office; nothing in the shell. */
export const setupFeature = defineFeature({ id: 'setup', folder: 'setup' });
