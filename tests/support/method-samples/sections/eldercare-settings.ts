/** Sample inputs for elderly care's settings and code tables. */
import { DEFAULT_ELDERCARE_SETTINGS } from '../../../../shared/domain/eldercare/settings';
import { type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  'eldercare.settings.get': {},
  'eldercare.settings.update': { ...DEFAULT_ELDERCARE_SETTINGS, version: null },
  'eldercare.codes.list': {},
  'eldercare.codes.save': { table: 'service', code: 'haircut', zh: '助理发', en: 'Haircut aid', active: true },
});
