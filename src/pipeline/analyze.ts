// The library's front door: analyse one article with the default pipeline (or given stages).
import type { ArticleInput, Doc } from './doc.js';
import { createPipeline, type Pipeline } from './runner.js';
import type { Stage } from './stage.js';
import { defaultStages, type PipelineOptions } from './stages.js';

let defaultPipeline: Pipeline | null = null;

export function getDefaultPipeline(options?: PipelineOptions): Pipeline {
  if (options && Object.keys(options).length) return createPipeline(defaultStages(options));
  defaultPipeline ??= createPipeline(defaultStages());
  return defaultPipeline;
}

export function analyzeArticle(input: ArticleInput, opts: { stages?: Stage[] } = {}): Doc {
  const pipeline = opts.stages ? createPipeline(opts.stages) : getDefaultPipeline();
  return pipeline.run(input);
}
