/** Sample inputs for the imports section's methods. */
import { type SectionSamples, NO_SUCH } from '../shared';

export const samples: SectionSamples = () => ({
  // A file that does not exist: the import answers INVALID_INPUT on `file`, which proves it ran.
  'imports.preview': { file: '/nonexistent/花名册.xlsx' },
  'imports.commit': { file: '/nonexistent/花名册.csv', skipInvalid: true },
  'imports.undo': { importId: NO_SUCH.job },
  'imports.list': {},
  'imports.mappings.list': {},
  'imports.mappings.forget': { layout: 'no-such-layout' },
  'exports.residents': { file: '/nonexistent/居民.xlsx' },
});
