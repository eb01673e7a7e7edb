/** Sample inputs for the office section's methods. */
import { type SectionSamples } from '../shared';
import { SETUP_INPUT } from '../../office';

export const samples: SectionSamples = (c) => ({
  'office.status': {},
  'office.setup': SETUP_INPUT,
  'office.settings.get': {},
  'office.settings.update': { version: c.settingsVersion, idleLockMinutes: 20 },
});
