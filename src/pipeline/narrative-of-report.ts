import { SECTIONS } from '../model/narrative.js';

/** Headings falco-report itself writes around the narrative: their content comes from the alert, not prose. */
const GENERATED_HEADINGS = new Set(['facts', 'rule', 'mitre att&ck', 'verification', 'provenance']);
const NARRATIVE_HEADINGS = new Set(SECTIONS.map((section) => section.title.toLowerCase()));

/**
 * The prose to check in a report. A report this tool wrote carries a fact table, a Verification
 * section listing removed sentences, and provenance; checking those would flag the tool's own
 * record of what it removed, so they are left out. Any other text is checked whole.
 */
export const narrativeOfReport = (markdown: string): string => {
  const lines = markdown.split(/\r?\n/);
  const headings = lines
    .map((line) => /^#{2}\s+(.*?)\s*$/.exec(line)?.[1]?.toLowerCase())
    .filter((heading): heading is string => heading !== undefined);
  const isOwnReport =
    headings.some((heading) => heading === 'verification') &&
    headings.some((heading) => heading === 'provenance');
  if (!isOwnReport) return markdown;
  const kept: string[] = [];
  let keep = false;
  for (const line of lines) {
    const heading = /^#{1,2}\s+(.*?)\s*$/.exec(line)?.[1]?.toLowerCase();
    if (heading !== undefined) {
      keep = NARRATIVE_HEADINGS.has(heading) && !GENERATED_HEADINGS.has(heading);
      if (!line.startsWith('##')) keep = false;
    }
    if (keep) kept.push(line);
  }
  return kept.join('\n');
};
