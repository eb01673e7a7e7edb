/** Sample inputs for the backup section's methods. */
import { type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  // backup.create writes a real backup into the automatic folder beside the test database.
  'backup.create': {},
  'backup.list': {},
  // A file that does not exist: INVALID_INPUT on `file` (backup_missing) proves the handler ran.
  'backup.inspect': { file: '/nonexistent/civicdesk-DWK-CYJ-2025-03-10_080000.cdbak' },
  'backup.restore': { file: '/nonexistent/civicdesk-DWK-CYJ-2025-03-10_080000.cdbak' },
});
