import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isFlagged } from '../check/finding.js';
import { AppError } from '../errors.js';
import { templateNarrative } from '../model/create-template-writer.js';
import { generateStructured, type ModelCallOptions } from '../model/generate-structured.js';
import { SECTIONS, type SectionId } from '../model/narrative.js';
import { stripHeadings } from '../model/reply-schemas.js';
import { escapeControlCharacters } from '../prompting/escape-control-characters.js';
import { fenceDataBlock } from '../prompting/fence-data-block.js';
import { formatFactsBlock } from '../prompting/format-facts-block.js';
import { formatPlaceholderFields } from '../prompting/format-placeholder-fields.js';
import { formatRuleKnowledge } from '../prompting/format-rule-knowledge.js';
import type { PromptSet } from '../prompting/prompt-set.js';
import { redactSecrets, restoreSecrets } from '../prompting/redact-secrets.js';
import { placeholderPattern, renderPrompt } from '../prompting/render-prompt.js';
import { describeFinding } from '../render/describe-finding.js';
import type { RegenerateRequest, SectionRegenerator } from './review-loop.js';

const REGENERATE_PROMPT_FILE = 'regenerate-section.md';

/** The placeholders `prompts/regenerate-section.md` may use; the first two are required. */
const REGENERATE_PLACEHOLDERS = [
  'facts',
  'current_text',
  'rule_knowledge',
  'placeholder_fields',
  'section_title',
  'section_guide',
  'problems',
  'instruction',
] as const;

const SECTION_GUIDES: Record<SectionId, string> = {
  summary: 'which rule fired, with what priority, on which host, container or pod, and when.',
  'what-happened':
    'the process, its command line, parent and ancestors, user, executable path, and any file, network, Kubernetes or cloud values in the alert.',
  'attack-path':
    "what the rule detects (from the rule description), the MITRE ATT&CK technique and tactic from the alert's tags, and what an attacker may have been doing; say what is not known.",
  recommendations: 'concrete next steps built from the alert values, one step per list item.',
};

const regenerateReplySchema = z.object({ markdown: z.string().min(1) });

/** The template writer has one wording per section: regeneration re-creates it from the facts. */
export const createTemplateRegenerator =
  (): SectionRegenerator =>
  async ({ section, factTable }) =>
    templateNarrative(factTable).sections.find((candidate) => candidate.id === section.id)?.markdown ?? '';

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * Reads `regenerate-section.md` from the prompt folder in use (a `--prompts DIR` copy or the
 * bundled one) and checks its placeholders like the other prompt files: an unknown one is an error
 * naming file:line.
 */
export interface RegeneratePrompt {
  file: string;
  text: string;
}

export const loadRegeneratePrompt = async (prompts: Pick<PromptSet, 'dir'>): Promise<RegeneratePrompt> => {
  const file = join(prompts.dir, REGENERATE_PROMPT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('config.prompt-missing', 2, `cannot read prompt file ${file}`, {
      hint: `copy ${REGENERATE_PROMPT_FILE} from the project's prompts/ folder into ${prompts.dir}`,
      cause: error,
    });
  }
  const allowed: readonly string[] = REGENERATE_PLACEHOLDERS;
  const used: string[] = [];
  for (const match of text.matchAll(placeholderPattern())) {
    if (match[1] !== undefined) continue;
    const name = match[2] ?? '';
    if (!allowed.includes(name)) {
      throw new AppError(
        'config.prompt-placeholder',
        2,
        `${file}:${lineOf(text, match.index)}: unknown placeholder {{${name}}} (allowed in ${REGENERATE_PROMPT_FILE}: ${allowed.map((entry) => `{{${entry}}}`).join(', ')})`,
        { hint: `fix the name, or write \\{{${name}}} to keep it as literal text` },
      );
    }
    if (!used.includes(name)) used.push(name);
  }
  for (const required of ['facts', 'current_text']) {
    if (!used.includes(required)) {
      throw new AppError('config.prompt-placeholder', 2, `${file}: placeholder {{${required}}} is missing`, {
        hint: `add {{${required}}} to ${file}`,
      });
    }
  }
  return { file, text };
};

export interface OllamaRegeneratorOptions extends ModelCallOptions {
  prompts: PromptSet;
  /** Mask secrets in alert values and the current text before they are sent; restored in the reply. */
  redact?: boolean;
}

const buildPrompt = (
  template: RegeneratePrompt,
  request: RegenerateRequest,
  redact: (text: string) => string,
): string => {
  const { section, findings, instruction, factTable } = request;
  const problems = findings.filter(isFlagged).map((finding) => `- ${describeFinding(finding)}`);
  return renderPrompt(template.text, {
    facts: formatFactsBlock(factTable, { mapValue: redact }),
    rule_knowledge: formatRuleKnowledge(factTable.rule, factTable.mitre),
    placeholder_fields: formatPlaceholderFields(factTable),
    section_title: SECTIONS.find((known) => known.id === section.id)?.title ?? section.title,
    section_guide: SECTION_GUIDES[section.id],
    current_text: fenceDataBlock(escapeControlCharacters(redact(section.markdown))),
    problems:
      problems.length === 0 ? '(none)' : fenceDataBlock(escapeControlCharacters(redact(problems.join('\n')))),
    instruction: instruction?.trim()
      ? fenceDataBlock(escapeControlCharacters(instruction.trim()))
      : '(none given)',
  });
};

/** Rewrites one section through the model, with the reviewer's instruction when there is one. */
export const createOllamaRegenerator = (options: OllamaRegeneratorOptions): SectionRegenerator => {
  let template: RegeneratePrompt | undefined;
  return async (request) => {
    template ??= await loadRegeneratePrompt(options.prompts);
    const secrets = new Map<string, string>();
    const redact = (text: string): string => (options.redact ? redactSecrets(text, secrets).text : text);
    const reply = await generateStructured(
      options,
      [
        { role: 'system', content: renderPrompt(options.prompts.system, {}) },
        { role: 'user', content: buildPrompt(template, request, redact) },
      ],
      regenerateReplySchema,
    );
    return restoreSecrets(stripHeadings(reply.value.markdown), secrets);
  };
};
