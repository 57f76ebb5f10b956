/** The two outputs of `falco-report check`, for callers that pick one by `-f`. */
export { type FindingsJsonOptions, renderFindingsJson } from './render-findings-json.js';
export { type FindingsTextOptions, renderFindingsText } from './render-findings-text.js';
