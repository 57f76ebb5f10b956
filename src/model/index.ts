/** The model stage's public surface: the CLI imports it lazily, so `--help` never loads the ollama client. */
export {
  contextWindowFor,
  estimateTokens,
  MAX_CONTEXT_TOKENS,
  MIN_CONTEXT_TOKENS,
} from './context-window.js';
export { createOllamaWriter, type OllamaWriterOptions } from './create-ollama-writer.js';
export { createTemplateWriter, templateNarrative } from './create-template-writer.js';
export {
  type ChatMessage,
  DEFAULT_NUM_PREDICT,
  DEFAULT_TIMEOUT_MS,
  generateStructured,
  type ModelCallOptions,
  type ModelEvent,
  type StructuredReply,
} from './generate-structured.js';
export { isLoopbackHost } from './is-loopback-host.js';
export type * from './narrative.js';
export { SECTIONS } from './narrative.js';
export { type ProbeOptions, type ProbeResult, probeOllama } from './probe-ollama.js';
export { narrativeReplySchema, repairReplySchema } from './reply-schemas.js';
