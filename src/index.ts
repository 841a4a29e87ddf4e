// Marsad as a library.
export * from './pipeline/doc.js';
export type { Stage } from './pipeline/stage.js';
export { createPipeline, type Pipeline } from './pipeline/runner.js';
export { analyzeArticle, getDefaultPipeline } from './pipeline/analyze.js';
export { defaultStages } from './pipeline/stages.js';
export { toAnalysis, SCHEMA_ID, type Analysis } from './pipeline/analysis.js';
export { validateAnalysis, analysisSchema } from './pipeline/schema/index.js';
export { createDoc, contentId } from './text/index.js';
export { MarsadError, createError, isMarsadError, ERRORS, type ErrorCode } from './errors.js';
