export * from './types.js';
export * from './names.js';
export { parseKbJsonl, validateRecord, checkRecords, loadKbRecords, defaultKbDir, kbFiles, type LoadedRecord } from './load.js';
export * from './kb.js';
