import type { Migration } from '../migrate';

/**
 * v16: where a bundle's resumable upload stands. The tus server gives each upload an address; an
 * office keeps it beside the bundle so that an upload cut off by a closed app or a dropped network
 * resumes from the bureau's offset at the next try, instead of sending the whole bundle again.
 * Cleared once the bureau confirmed the bundle (uploaded_at set).
 */
export const migration0016: Migration = {
  version: 16,
  name: 'sync-upload-url',
  up(db) {
    db.exec('ALTER TABLE sync_outbox ADD COLUMN upload_url TEXT');
  },
};
