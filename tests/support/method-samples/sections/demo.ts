/** Sample inputs for the demo section's methods. */
import { type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  'demo.generate': { residents: 20, seed: 7 },
});
