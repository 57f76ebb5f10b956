import type { FactTable } from '../facts/fact.js';
import type { AlertRecord } from '../ingest/alert.js';
import { type Narrative, SECTIONS, type WriterInfo } from '../model/narrative.js';
import type { GroupAggregates, GroupReport } from '../render/render-digest-document.js';
import { groupTruth } from './aggregate-truth.js';
import { verifyGroupProse } from './verify-group-prose.js';

export interface GroupReportContext {
  writer: WriterInfo;
  /** Why the writer is not the one asked for: `--backend auto` fell back, or this group's model call failed. */
  fallbackReason: string | undefined;
  toolVersion: string;
  generatedAt: string;
}

const TITLES = new Map<string, string>(SECTIONS.map((section) => [section.id, section.title]));

/**
 * A group's report as the same document `write` produces: facts are the group's (key, counts,
 * times, top values), prose is verified against the aggregates and what fails is removed.
 */
export const buildGroupReport = (
  group: GroupAggregates,
  exemplar: AlertRecord,
  factTable: FactTable,
  narrative: Narrative,
  context: GroupReportContext,
): GroupReport => {
  const verified = verifyGroupProse(narrative.sections, groupTruth(group), factTable);
  const alert = exemplar.alert;
  return {
    aggregates: group,
    document: {
      title: group.title,
      alert: {
        rule: alert.rule,
        priority: group.priority,
        time: group.firstSeen,
        hostname: alert.hostname,
        source: alert.source,
      },
      facts: factTable.facts,
      rule: factTable.rule,
      mitre: factTable.mitre,
      sections: verified.sections.map((section) => ({
        id: section.id,
        title: TITLES.get(section.id) ?? section.id,
        markdown: section.markdown,
      })),
      findings: verified.findings,
      coverage: { mentioned: [], missing: [] },
      verification: verified.verification,
      provenance: {
        tool: 'falco-report',
        toolVersion: context.toolVersion,
        backend: context.writer.backend,
        model: context.writer.model,
        promptHash: context.writer.promptHash,
        fallbackReason: context.fallbackReason,
        input: exemplar.origin,
        generatedAt: context.generatedAt,
      },
    },
  };
};
