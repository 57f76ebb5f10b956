import type { FactTable } from '../facts/fact.js';
import type { SectionId } from '../model/narrative.js';
import { escapeJsonControls } from '../render/escape-json-controls.js';
import type { GroupAggregates } from '../render/render-digest-document.js';
import type { ReportDocument } from '../render/report-document.js';

/**
 * A draft is a written report plus a sidecar (`<report>.draft.json`) holding everything needed to
 * re-check and review it later without the original alert: the fact table, the document with its
 * findings and provenance, and the review state.
 */
export const DRAFT_FORMAT = 'falco-report-draft/1';

export type ReviewAction = 'accept' | 'edit' | 'regenerate' | 'drop';

export interface ReviewDecision {
  section: SectionId;
  action: ReviewAction;
  at: string;
  by: string;
  /** Required when a section is accepted with flagged claims. */
  reason?: string;
  /** The instruction given with a regeneration. */
  instruction?: string;
}

export interface ReviewState {
  status: 'draft' | 'in-review' | 'approved';
  decisions: ReviewDecision[];
  /** Sections decided so far (accepted or dropped), in order. */
  decided: SectionId[];
  approvedBy?: string;
  approvedAt?: string;
}

export interface Draft {
  format: typeof DRAFT_FORMAT;
  /** The report file this sidecar belongs to, relative to the sidecar's folder. */
  reportFile: string;
  reportFormat: 'md' | 'html' | 'json';
  document: ReportDocument;
  factTable: FactTable;
  review: ReviewState;
  /** Set for a batch group report: its tables come from these aggregates, never from the prose. */
  aggregates?: GroupAggregates;
}

export const draftSidecarPath = (reportPath: string): string => `${reportPath}.draft.json`;

const BIGINT_TAG = '$bigint';

/** JSON with exact big integers (nanosecond timestamps) tagged so `parseDraft` restores them. */
export const serializeDraft = (draft: Draft): string =>
  `${escapeJsonControls(JSON.stringify(draft, (_key, value) => (typeof value === 'bigint' ? { [BIGINT_TAG]: value.toString() } : value), 2))}\n`;

export const parseDraftJson = (text: string): unknown =>
  JSON.parse(text, (_key, value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = (value as Record<string, unknown>)[BIGINT_TAG];
      if (typeof tagged === 'string' && Object.keys(value).length === 1) return BigInt(tagged);
    }
    return value;
  });
