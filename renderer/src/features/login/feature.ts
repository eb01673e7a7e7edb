import { defineFeature } from '../../app/registry/feature';

/** 登录 and account recovery: shown by the session gate (app/session) when no one is signed in; nothing in the shell. */
export const loginFeature = defineFeature({ id: 'login', folder: 'login' });
