import type { Finding } from '../check/finding.js';
import type { AlertOrigin, Priority } from '../ingest/alert.js';
import type { Backend } from '../model/narrative.js';
import type { ReportDocument, Verification } from './report-document.js';

/**
 * What `batch` produces, as data: the digest and one report per group. Every table is rendered
 * from these aggregates; only the `markdown` of prose sections comes from a writer.
 */

/** One value of a group key: `rule` = "Terminal shell in container". */
export interface GroupKeyPart {
  /** The key as given to `--group-by` (`rule`, `hostname`, `container.image`, `k8s.ns.name`). */
  key: string;
  label: string;
  /** `(none)` when alerts in the group do not have the field. */
  value: string;
}

export interface TopValue {
  value: string;
  count: number;
  /** The count may overstate by up to this much (0 = exact); see Space-Saving in decision 0006. */
  error: number;
}

/** Distinct count and most frequent values of one key field (command lines, users, ...). */
export interface DimensionSummary {
  id: string;
  label: string;
  /** Alerts in the group that had a value for it. */
  alertsWithValue: number;
  distinct: number;
  /** True when `distinct` is an estimate (many distinct values). */
  distinctApproximate: boolean;
  top: TopValue[];
}

export interface HistogramSummary {
  bucketMs: number;
  buckets: { start: string; count: number }[];
}

export interface ExemplarAlert {
  origin: AlertOrigin;
  time: string | undefined;
  priority: Priority;
  rule: string;
  hostname: string | undefined;
  output: string | undefined;
}

export interface GroupAggregates {
  /** Stable id from the key values (a sha256 prefix); the cache and file names use it. */
  id: string;
  /** File-name stem under `groups/`. */
  slug: string;
  title: string;
  key: GroupKeyPart[];
  count: number;
  /** Time texts as Falco wrote them, of the earliest and latest alert. */
  firstSeen: string | undefined;
  lastSeen: string | undefined;
  /** Alerts whose time could not be read (not in first/last seen or the histogram). */
  undated: number;
  /** The most severe priority in the group. */
  priority: Priority;
  priorities: { priority: Priority; count: number }[];
  dimensions: DimensionSummary[];
  histogram: HistogramSummary;
  exemplars: ExemplarAlert[];
  tags: string[];
}

/** How the archive read: what was kept, skipped as noise, rejected, or filtered out. */
export interface InputQuality {
  files: string[];
  /** Lines and top-level JSON values read, noise included. */
  linesRead: number;
  /** Valid alerts read (before filters): the figure the digest states. */
  alertsRead: number;
  alertsKept: number;
  /** Non-JSON lines (Falco's own log lines) skipped. */
  skipped: number;
  invalid: number;
  /** The first few invalid alerts, with where they were. */
  invalidExamples: { origin: AlertOrigin; reason: string }[];
  filteredOut: number;
}

export interface GroupOutcome {
  id: string;
  slug: string;
  /** Relative to the output folder. */
  reportFile: string;
  /** `kept`: the draft was already under review, so the earlier report was left as it was. */
  status: 'written' | 'failed' | 'kept';
  /** Why the model call failed; the report then carries template prose. */
  failure?: string;
  /** Whether the prose came from the cache of an earlier run. */
  cached: boolean;
  flagged: number;
}

export interface DigestSection {
  id: 'overview';
  title: string;
  markdown: string;
}

export interface DigestDocument {
  title: string;
  /** Alerts read from the archive, before filters. */
  alertsRead: number;
  alertsKept: number;
  firstSeen: string | undefined;
  lastSeen: string | undefined;
  filters: { label: string; value: string }[];
  groupBy: string[];
  quality: InputQuality;
  groups: GroupAggregates[];
  outcomes: GroupOutcome[];
  sections: DigestSection[];
  findings: Finding[];
  verification: Verification;
  provenance: {
    tool: 'falco-report';
    toolVersion: string;
    backend: Backend;
    model: string | undefined;
    promptHash: string | undefined;
    fallbackReason: string | undefined;
    modelCalls: number;
    cachedCalls: number;
    generatedAt: string;
  };
}

/** A group's report: the same document `write` produces (so `review` can open it) plus its aggregates. */
export interface GroupReport {
  document: ReportDocument;
  aggregates: GroupAggregates;
}
