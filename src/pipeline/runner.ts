// The pipeline runner: checks when it is built that every stage's required layers are assigned
// by the text layer or an earlier stage, then runs the stages in order, naming the stage in any
// error it raises.
import { createError, isMarsadError, MarsadError } from '../errors.js';
import { createDoc } from '../text/index.js';
import type { ArticleInput, Doc, Layer } from './doc.js';
import type { Stage } from './stage.js';

const TEXT_LAYERS: Layer[] = ['text', 'norm', 'boilerplate', 'sentences', 'tokens'];

export interface Pipeline {
  readonly stages: readonly Stage[];
  /** Run the text layer and every stage over one article. */
  run(input: ArticleInput): Doc;
  /** Run the stages over a Doc that already has its text layer. */
  runDoc(doc: Doc): Doc;
}

export function createPipeline(stages: readonly Stage[]): Pipeline {
  const available = new Set<Layer>(TEXT_LAYERS);
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) throw createError('E_PIPELINE_DUPLICATE', stage.name);
    names.add(stage.name);
    for (const layer of stage.requires) {
      if (!available.has(layer)) throw createError('E_PIPELINE_LAYER', stage.name, layer);
    }
    for (const layer of stage.assigns) available.add(layer);
  }
  const runDoc = (doc: Doc): Doc => {
    for (const stage of stages) {
      try {
        stage.run(doc);
      } catch (e) {
        if (isMarsadError(e) && e.code === 'E_STAGE_FAILED') throw e;
        const why = e instanceof Error ? e.message : String(e);
        const err: MarsadError = createError('E_STAGE_FAILED', stage.name, doc.id, why);
        (err as { cause?: unknown }).cause = e;
        throw err;
      }
      for (const layer of stage.assigns) doc.layers.add(layer);
    }
    return doc;
  };
  return {
    stages,
    runDoc,
    run: (input) => runDoc(createDoc(input)),
  };
}
