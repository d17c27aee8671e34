/**
 * An evidence upload as reactive state for components: the flow (`evidence-flow.ts`, plain and
 * unit-tested) writes into a Svelte `$state` object, so every step, byte count and error re-renders.
 */
import { EvidenceUpload, type UploadOptions } from './evidence-flow';
import { initialUploadState } from './evidence-upload-state';

export function createEvidenceUpload(options: UploadOptions): EvidenceUpload {
  const state = $state(initialUploadState());
  return new EvidenceUpload(options, state);
}
