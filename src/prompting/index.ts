/** The prompting stage's public surface. */
export { escapeControlCharacters } from './escape-control-characters.js';
export { fenceDataBlock } from './fence-data-block.js';
export {
  DEFAULT_MAX_VALUE_CHARS,
  type FactsBlockOptions,
  formatFactsBlock,
  truncateValue,
} from './format-facts-block.js';
export { formatPlaceholderFields } from './format-placeholder-fields.js';
export { formatMitreTechnique, formatRuleKnowledge } from './format-rule-knowledge.js';
export { defaultPromptDir, loadPromptSet } from './load-prompt-set.js';
export {
  PROMPT_NAMES,
  PROMPT_SPECS,
  type PromptName,
  type PromptSet,
  type PromptTemplate,
} from './prompt-set.js';
export { type RedactionResult, redactSecrets, restoreSecrets } from './redact-secrets.js';
export { placeholderPattern, renderPrompt } from './render-prompt.js';
