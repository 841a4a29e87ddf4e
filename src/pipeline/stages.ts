// The default pipeline, in order. Each stage is one folder under src/stages/ with one factory.
import type { Stage } from './stage.js';

export interface PipelineOptions {
  /** Extra knowledge-base records (JSONL files or folders) to load beside data/kb. */
  kbExtra?: string[];
}

export function defaultStages(_options: PipelineOptions = {}): Stage[] {
  return [
    // --- stages: keep this order (time, then entities, then claims) ---
  ];
}
