import { z } from 'zod';
import type { Narrative, SentenceRewrite } from './narrative.js';

/** What the model must reply for a single-alert report; `format` is made from it, and it validates the reply. */
export const narrativeReplySchema = z.object({
  summary: z.string().min(1),
  what_happened: z.string().min(1),
  attack_path: z.string().min(1),
  recommendations: z.array(z.string().min(1)).min(1).max(10),
});
export type NarrativeReply = z.infer<typeof narrativeReplySchema>;

export const repairReplySchema = z.object({
  rewrites: z.array(z.object({ id: z.string(), sentence: z.string() })),
});
export type RepairReply = z.infer<typeof repairReplySchema>;

/** What `{{sections}}` tells the model about each key of the reply. */
export const NARRATIVE_SECTION_GUIDE = [
  '- `summary`: which rule fired, with what priority, on which host, container or pod, and when.',
  '- `what_happened`: the process, its command line, parent and ancestors, user, executable path, and any file, network, Kubernetes or cloud values in the alert.',
  "- `attack_path`: what the rule detects (from the rule description), the MITRE ATT&CK technique and tactic from the alert's tags, and what an attacker may have been doing. Say what is not known.",
  '- `recommendations`: concrete next steps built from the alert values, one step per list item.',
].join('\n');

/** Headings come from the report, never from the model: drop any the model added anyway. */
export const stripHeadings = (markdown: string): string =>
  markdown
    .split('\n')
    .filter((line) => !/^\s{0,3}#{1,6}(\s|$)/.test(line))
    .join('\n')
    .trim();

const stripBullet = (item: string): string => item.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim();

export const narrativeFromReply = (
  reply: NarrativeReply,
  mapText: (text: string) => string = (text) => text,
): Narrative => ({
  sections: [
    { id: 'summary', markdown: mapText(stripHeadings(reply.summary)) },
    { id: 'what-happened', markdown: mapText(stripHeadings(reply.what_happened)) },
    { id: 'attack-path', markdown: mapText(stripHeadings(reply.attack_path)) },
    {
      id: 'recommendations',
      markdown: reply.recommendations
        .map(stripBullet)
        .filter((item) => item !== '')
        .map((item) => `- ${mapText(item.replace(/\s*\n\s*/g, ' '))}`)
        .join('\n'),
    },
  ],
});

export const rewritesFromReply = (
  reply: RepairReply,
  knownIds: ReadonlySet<string>,
  mapText: (text: string) => string = (text) => text,
): SentenceRewrite[] =>
  reply.rewrites
    .filter((rewrite) => knownIds.has(rewrite.id))
    .map((rewrite) => ({ id: rewrite.id, sentence: mapText(rewrite.sentence.trim()) }));
