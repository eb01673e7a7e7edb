/**
 * 数据报送 sync with the city bureau: an office's enrollment, bundles (USB/folder or resumable
 * upload) and receipts; a bureau's keys, enrollments, intake, receipts and views. The file formats
 * are in ./format.ts; the office side in ./office, the bureau side in ./bureau, the upload in ./upload.
 */
import { defineFeature } from '../feature';
import { syncHandlers } from './handlers';

export const syncFeature = defineFeature({
  folder: 'sync',
  handlers: syncHandlers,
  auditActions: [
    'sync.enroll',
    'sync.settings',
    'sync.bundle',
    'sync.export',
    'sync.upload',
    'sync.receipt',
    'sync.receipt.refused',
    'bureau.init',
    'bureau.enroll',
    'bureau.import',
    'bureau.receipt',
    'bureau.alarm.resolve',
    'bureau.identity.export',
    'bureau.publish',
    'sync.update.applied',
  ],
});
