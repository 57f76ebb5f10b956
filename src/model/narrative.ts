import type { FactTable } from '../facts/fact.js';

/** The narrative sections a writer produces, in report order. Headings come from here, not the model. */
export const SECTIONS = [
  { id: 'summary', title: 'Summary' },
  { id: 'what-happened', title: 'What happened' },
  { id: 'attack-path', title: 'Likely attack path' },
  { id: 'recommendations', title: 'Recommendations' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

export interface NarrativeSection {
  id: SectionId;
  /** Markdown prose: paragraphs, and for recommendations a bullet list. */
  markdown: string;
}

export interface Narrative {
  sections: NarrativeSection[];
}

export type Backend = 'ollama' | 'template';

export interface WriterInfo {
  backend: Backend;
  /** The Ollama model name; undefined for the template writer. */
  model: string | undefined;
  /** sha256 of the prompt files used; undefined for the template writer. */
  promptHash: string | undefined;
}

/** A sentence the checker flagged, handed back to the writer to rewrite. */
export interface SentenceProblem {
  /** Stable id the reply must echo. */
  id: string;
  section: SectionId;
  sentence: string;
  /** One line per flagged claim: what is wrong and what the alert holds. */
  issues: string[];
}

export interface SentenceRewrite {
  id: string;
  /** The rewritten sentence; empty means "drop it". */
  sentence: string;
}

/** Something that writes the narrative of a single-alert report: Ollama or the template writer. */
export interface ReportWriter {
  readonly info: WriterInfo;
  writeNarrative(facts: FactTable): Promise<Narrative>;
  repairSentences(facts: FactTable, problems: SentenceProblem[]): Promise<SentenceRewrite[]>;
}
