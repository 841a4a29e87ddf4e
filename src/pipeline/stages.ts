// The default pipeline, in order. Each stage is one folder under src/stages/ with one factory.
import { createDatelineStage } from '../stages/dateline/index.js';
import { loadKb } from '../kb/kb.js';
import { createEventStage } from '../stages/events/index.js';
import { createLinkStage } from '../stages/link/index.js';
import { createNerStage } from '../stages/ner/index.js';
import { createQuantityStage } from '../stages/quantities/index.js';
import { createQuoteStage } from '../stages/quotes/index.js';
import { createTemporalStage } from '../stages/temporal/index.js';
import type { Stage } from './stage.js';

export interface PipelineOptions {
  /** Extra knowledge-base records (JSONL files or folders) to load beside data/kb. */
  kbExtra?: string[];
}

export function defaultStages(options: PipelineOptions = {}): Stage[] {
  // one knowledge base for the linker and the events stage (which reads entity kinds and dates)
  const kb = loadKb(options.kbExtra != null ? { extra: options.kbExtra } : {});
  return [
    // 1. when: the dateline (given, from metadata, or inferred), then every time expression
    createDatelineStage(),
    createTemporalStage(),
    // 2. who and where: tagged mentions, then linked to the knowledge base and merged
    createNerStage(),
    createLinkStage({ kb }),
    // 3. what: figures, events, quotes
    createQuantityStage(),
    createEventStage({ kb }),
    createQuoteStage(),
  ];
}
