/// <reference types="vite/client" />
/**
 * One valid input for every contract method, so the contract-wide tests (a handler for every
 * method, permissions enforced for every method) cover each automatically. Each contract section
 * keeps its samples in its own file under ./sections (a new module adds a file, and edits nothing
 * here); tests/core/contract.test.ts fails for a method without one. A sample only has to pass the
 * input schema: ids of records that do not exist are fine (NOT_FOUND proves the handler ran).
 */
import type { MethodSamples, SampleContext, SectionSamples } from './shared';

const sections = import.meta.glob<SectionSamples>('./sections/*.ts', { eager: true, import: 'samples' });

export function methodSamples(c: SampleContext): MethodSamples {
  return Object.assign({}, ...Object.values(sections).map((samples) => samples(c))) as MethodSamples;
}

export { SAMPLE_ID_NUMBER, type MethodSamples, type SampleContext } from './shared';
