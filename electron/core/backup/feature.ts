/** 备份 backup: automatic and manual backups, restore. */
import { defineFeature } from '../feature';
import { backupHandlers } from './service';

export const backupFeature = defineFeature({
  folder: 'backup',
  handlers: (host) => backupHandlers({ replaceDatabase: (install, key, caller) => host.replaceDatabase(install, key, caller), database: () => host.database() }),
  auditActions: ['backup', 'restore'],
});
