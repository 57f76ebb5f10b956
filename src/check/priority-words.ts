import { PRIORITIES, type Priority } from '../ingest/alert.js';

/**
 * What each severity word may honestly stand for. Falco's own eight names match only themselves
 * ("Info" is Falco's short form of Informational). Common scale words cover a band: "high" and
 * "severe" the four most severe priorities, "medium" Warning and Notice, "low" Notice and below.
 * The reasoning is in docs/decisions/0003-checker-design.md.
 */
const WORD_PRIORITIES: Record<string, readonly Priority[]> = {
  emergency: ['Emergency'],
  alert: ['Alert'],
  critical: ['Critical'],
  error: ['Error'],
  warning: ['Warning'],
  notice: ['Notice'],
  informational: ['Informational'],
  info: ['Informational'],
  debug: ['Debug'],
  high: ['Emergency', 'Alert', 'Critical', 'Error'],
  severe: ['Emergency', 'Alert', 'Critical', 'Error'],
  serious: ['Emergency', 'Alert', 'Critical', 'Error'],
  medium: ['Warning', 'Notice'],
  moderate: ['Warning', 'Notice'],
  low: ['Notice', 'Informational', 'Debug'],
  minor: ['Notice', 'Informational', 'Debug'],
};

export const priorityWordMeaning = (word: string): readonly Priority[] | undefined =>
  WORD_PRIORITIES[word.toLowerCase()];

export interface PriorityClaim {
  start: number;
  end: number;
  text: string;
  word: string;
}

const FALCO_WORDS = 'emergency|alert|critical|error|warning|notice|informational|info|debug';
const SCALE_WORDS = 'high|severe|serious|medium|moderate|low|minor';
const ANY_WORD = `${FALCO_WORDS}|${SCALE_WORDS}`;
const DECORATION = '[*_`"\']*';

/** What a rating verb may name before the rating: "rated this event", "classified the alert". */
const RATED_OBJECT =
  '(?:\\s+(?:(?:it|this|that)(?:\\s+(?:alert|event|detection))?|the\\s+(?:alert|event|detection)))?';

const PRIORITY_HINT = new RegExp(`\\b(?:${ANY_WORD})\\b`, 'i');

const PATTERNS: RegExp[] = [
  // "priority Critical", "severity: high", "priority level of Warning", "priority is `CRITICAL`"
  new RegExp(
    `\\b(?:priority|severity)(?:\\s+level)?${DECORATION}(?:\\s*(?:[:=]|\\bof\\b|\\bis\\b|\\bwas\\b|\\bset\\s+to\\b|\\bequal\\s+to\\b))*\\s*${DECORATION}(${ANY_WORD})\\b`,
    'gi',
  ),
  // "Critical priority", "high-severity", "Warning-level", "a critical-priority alert"
  new RegExp(`\\b(${ANY_WORD})${DECORATION}(?:\\s+|-)(?:priority|severity)\\b`, 'gi'),
  new RegExp(`\\b(${FALCO_WORDS})${DECORATION}(?:\\s+|-)level\\b`, 'gi'),
  // "rated Critical", "classified as high", "flagged as a Warning", "Falco classified this as a Warning"
  new RegExp(
    `\\b(?:rated${RATED_OBJECT}|(?:classified|marked|labell?ed|flagged|categori[sz]ed)${RATED_OBJECT}\\s+as)\\s+(?:an?\\s+)?${DECORATION}(${ANY_WORD})\\b`,
    'gi',
  ),
  // "a Critical alert", "a critical Falco event", "this high severity detection"
  new RegExp(
    `\\b(?:a|an|the|this|that)\\s+${DECORATION}(critical|warning|notice|informational|debug|emergency|${SCALE_WORDS})${DECORATION}\\s+(?:falco\\s+)?(?:alert|event|detection|security\\s+event|notification)\\b`,
    'gi',
  ),
];

/** Finds severity words the sentence ties to the alert; generic uses ("critical systems") are left alone. */
export const findPriorityClaims = (sentence: string, beforeRule: RegExp | undefined): PriorityClaim[] => {
  const claims: PriorityClaim[] = [];
  if (!PRIORITY_HINT.test(sentence)) return claims;
  const add = (start: number, text: string, word: string): void => {
    if (claims.some((claim) => start < claim.end && start + text.length > claim.start)) return;
    claims.push({ start, end: start + text.length, text, word });
  };
  for (const pattern of PATTERNS) {
    for (const match of sentence.matchAll(pattern)) {
      const word = match[1]!;
      if (/^high$/i.test(word) && /high[\s-]+level/i.test(match[0])) continue;
      add(match.index, match[0].replace(/[*_`"']+/g, ''), word);
    }
  }
  if (beforeRule) {
    for (const match of sentence.matchAll(beforeRule)) {
      add(match.index, match[0].replace(/[*_`"']+/g, ''), match[1]!);
    }
  }
  return claims.sort((left, right) => left.start - right.start);
};

/**
 * Falco's own output style puts the priority right before the rule name ("Critical Fileless
 * execution ..."): a pattern for the first words of the alert's rule, built once per fact table.
 */
export const priorityBeforeRulePattern = (ruleName: string): RegExp | undefined => {
  const escapedRule = ruleName
    .trim()
    .split(/\s+/)
    .slice(0, 3)
    // A rule name comes from the alert file: a megabyte-long word must not become the pattern.
    .map((word) =>
      word
        .slice(0, 64)
        .replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')
        .replace(/_/g, '[_ ]'),
    )
    .join('[\\s`*"]+');
  return escapedRule === ''
    ? undefined
    : new RegExp(`\\b(${ANY_WORD})${DECORATION}\\s+${DECORATION}${escapedRule}`, 'gi');
};

export const isPriority = (value: string): value is Priority =>
  (PRIORITIES as readonly string[]).includes(value);
