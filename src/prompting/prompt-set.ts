/** The prompt files and the placeholders each may use. Fixed: a user's `--prompts DIR` copy is checked against it. */
export const PROMPT_SPECS = {
  system: { file: 'system.md', allowed: [], required: [] },
  report: {
    file: 'report.md',
    allowed: ['facts', 'rule_knowledge', 'sections', 'placeholder_fields'],
    required: ['facts'],
  },
  repair: {
    file: 'repair.md',
    allowed: ['facts', 'rule_knowledge', 'placeholder_fields', 'problems'],
    required: ['facts', 'problems'],
  },
  groupSummary: {
    file: 'group-summary.md',
    allowed: ['group_facts', 'aggregates'],
    required: ['group_facts'],
  },
  digest: { file: 'digest.md', allowed: ['digest_facts'], required: ['digest_facts'] },
} as const satisfies Record<
  string,
  { file: string; allowed: readonly string[]; required: readonly string[] }
>;

export type PromptName = keyof typeof PROMPT_SPECS;

export const PROMPT_NAMES = Object.keys(PROMPT_SPECS) as PromptName[];

export interface PromptTemplate {
  name: PromptName;
  /** Absolute path of the file it was read from. */
  file: string;
  text: string;
  /** sha256 (hex) of `text`. */
  hash: string;
  /** Placeholder names the file uses, in order of first use. */
  placeholders: string[];
}

export interface PromptSet extends Record<PromptName, PromptTemplate> {
  /** The folder the files came from. */
  dir: string;
  /** sha256 (hex) over every file's name and text: recorded in reports and in cache keys. */
  hash: string;
}
