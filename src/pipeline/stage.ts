// A pipeline stage: one folder under src/stages/ with one factory (`createXStage(options)`)
// returning this object. The runner checks `requires` against what earlier stages `assigns`
// when the pipeline is built, and names the stage in any error it raises.
import type { Doc, Layer } from './doc.js';

export interface Stage {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly assigns: readonly Layer[];
  run(doc: Doc): void;
}
