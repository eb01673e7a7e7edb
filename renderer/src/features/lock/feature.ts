import { defineFeature } from '../../app/registry/feature';

/** 锁屏: shown over the shell by app/session when the session is locked; nothing in the shell itself. */
export const lockFeature = defineFeature({ id: 'lock', folder: 'lock' });
