import type { Coverage, Finding } from '../check/finding.js';
import type { Fact, MitreTechnique, RuleKnowledge } from '../facts/fact.js';
import type { AlertOrigin, Priority } from '../ingest/alert.js';
import type { Backend, SectionId } from '../model/narrative.js';

/**
 * The whole report as data: what `-f json` prints and what Markdown and HTML are rendered from.
 * Title, fact table and headings come from the alert; only `sections[].markdown` is prose.
 */
export interface ReportDocument {
  title: string;
  alert: {
    rule: string;
    priority: Priority;
    time: string | undefined;
    hostname: string | undefined;
    source: string | undefined;
  };
  facts: Fact[];
  rule: RuleKnowledge | undefined;
  mitre: MitreTechnique[];
  sections: ReportSection[];
  /** Every claim checked in the final prose, supported ones included. */
  findings: Finding[];
  coverage: Coverage;
  verification: Verification;
  provenance: Provenance;
}

export interface ReportSection {
  id: SectionId;
  title: string;
  /** Verified prose only: sentences that still failed after repair are removed and listed in `verification.removed`. */
  markdown: string;
}

export interface RemovedSentence {
  section: SectionId;
  sentence: string;
  findings: Finding[];
}

export interface Verification {
  claimsChecked: number;
  supported: number;
  /** Claims that are contradicted, unsupported or invalid in the final report (0 unless kept with --keep-flagged). */
  flagged: number;
  repairRounds: number;
  removed: RemovedSentence[];
}

export interface Provenance {
  tool: 'falco-report';
  toolVersion: string;
  backend: Backend;
  model: string | undefined;
  promptHash: string | undefined;
  /** Why `--backend auto` fell back to the template writer, when it did. */
  fallbackReason: string | undefined;
  input: AlertOrigin;
  generatedAt: string;
}
