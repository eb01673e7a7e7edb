import { defineFeature } from '../../app/registry/feature';

/** 备份: a section of the settings page, which places it itself. */
export const backupFeature = defineFeature({
  id: 'backup',
  folder: 'backup',
  // Backups are files in a folder, not records: the section refreshes the list after making one.
  queries: { 'backup.list': [] },
});
