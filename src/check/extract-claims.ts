import type { FactRole } from '../facts/fact.js';
import type { FactIndex } from './fact-index.js';
import { normalizeValue } from './fact-index.js';
import type { ClaimKind } from './finding.js';
import { isBareValue, isMachineName, isStopWord } from './is-bare-value.js';
import { resemblesRule } from './resembles-rule.js';
import { findRoleCue, type RoleCue } from './role-cues.js';

/** A checkable span of a sentence: a value and the role the sentence gives it. */
export interface Claim {
  kind: ClaimKind;
  /** How the claim reads in a finding: `PID 3`, `parent PID 34816`, `10.13.37.7`. */
  text: string;
  value: string;
  cue: RoleCue | undefined;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  /** Set for `{{field}}` placeholders: the field it points at. */
  placeholder?: string;
}

export const IPV4 = '(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}';
const PLACEHOLDER = /`?\{\{\s*([\w.-]+(?:\[[^\]]*\])?)\s*\}\}`?/g;
const CODE_SPAN = /(`+)([^`]+?)\1/g;
const QUOTED = /(?<!\w)["“]([^"”\n]{2,160})["”]/g;
const URL = /\b(?:https?|ftp|file):\/\/[^\s`)>\]]+/gi;
const IP_PORT = new RegExp(`(?<![\\w.])(${IPV4})(?::(\\d{1,5}))?(?:\\/(\\d{1,2}))?(?![\\w]|\\.\\d)`, 'g');
const PORT_AFTER_PROTOCOL = /\b(?:tcp|udp)\/(\d{1,5})\b/gi;
const PORT_CUE: RoleCue = { kind: 'port', roles: ['port'], strong: true, label: 'port', takes: 'number' };
const MEMFD = /\bmemfd:[\w.@+-]*\w(?: \(deleted\))?/g;
const PATH = /(?<![\w.~:/\\-])(\/(?:[\w.@%+=~-]+\/?)+)(?<![.,;:])/g;
const MITRE_ID = /\bT\d{4}(?:\.\d{3})?\b/g;
const HEX_ID = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])(?:[0-9a-f]{64}|[0-9a-f]{12})\b/g;
const NUMBER = /(?<![\w.:/#$-])(?:(?<=\s)-)?\d{1,10}(?![\w:%]|\/(?!tcp\b|udp\b)|[.,]\d)/g;
const WORD = /(?<![\w.:/@-])\.?[A-Za-z0-9_][\w.:@-]*[\w]|(?<![\w.:/@-])[A-Za-z0-9]\b/g;
export const FALCO_FIELD_SHAPE = /^[a-z][a-z0-9_]*\.[a-z0-9_.]*[a-z0-9_](?:\[[^\]]+\])?$/;

const CUE_WORDS =
  'host|hostname|node|machine|server|user|username|account|as|process|parent|by|from|of|namespace|pod|container|image|rule|named|called|binary|program|executable|leader|grandparent|ancestor|name';
/** Cheap pre-filters: only words near a cue word are worth the full cue search. */
const CUE_WORD = new RegExp(
  `\\b(?:${CUE_WORDS}|on|at|in|to|inside|within|spawned|forked|launched|started)\\b`,
  'gi',
);
const CUE_AFTER =
  /^\W*(?:host|node|machine|server|user|account|process|binary|program|container|image|namespace|pod|parent|was\s+the\s+parent|is\s+the\s+parent|spawned|forked|launched|started)\b/i;

/** "on db-primary-03", "from `build-agent-7`": a place the event is said to have happened. */
const PLACE_BEFORE = /\b(?:on|from|at|in|to|named|called|inside|within)\s+(?:the\s+)?`?$/i;

/** A name given no role: it must be somewhere in the alert, else it is invented. */
const UNLABELLED_NAME: RoleCue = { kind: 'host', roles: [], strong: false, label: 'name', takes: 'name' };

interface Span {
  start: number;
  end: number;
}

const isFree = (taken: Span[], start: number, end: number): boolean =>
  !taken.some((span) => start < span.end && end > span.start);

const roleKind = (role: FactRole): ClaimKind | undefined => {
  const kinds: Partial<Record<FactRole, ClaimKind>> = {
    pid: 'pid',
    ppid: 'ppid',
    uid: 'uid',
    loginuid: 'loginuid',
    gid: 'gid',
    port: 'port',
    'container-id': 'container-id',
    ip: 'ip',
    path: 'path',
    'exe-path': 'path',
    cwd: 'path',
    host: 'host',
    user: 'user',
    'login-user': 'user',
    'process-name': 'process-name',
    'parent-name': 'parent-name',
    cmdline: 'cmdline',
    image: 'image',
    'k8s-namespace': 'k8s-namespace',
    'k8s-pod': 'k8s-pod',
    'container-name': 'container-name',
    tty: 'tty',
    'response-code': 'response-code',
  };
  return kinds[role];
};

const WHOLE_IP_PORT = new RegExp(`^${IPV4}:\\d{1,5}$`);
const WHOLE_IP = new RegExp(`^${IPV4}$`);

/** Which kind a value's shape forces, whatever the cue says (an IP is an IP). */
const shapeKind = (value: string): ClaimKind | undefined => {
  if (WHOLE_IP_PORT.test(value)) return 'ip-port';
  if (WHOLE_IP.test(value)) return 'ip';
  if (/^memfd:/.test(value)) return 'path';
  if (/^\/[\w.@%+=~/-]*$/.test(value) && value.length > 1) return 'path';
  if (/^T\d{4}(?:\.\d{3})?$/.test(value)) return 'mitre-technique';
  if (/^(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])(?:[0-9a-f]{64}|[0-9a-f]{12})$/.test(value)) return 'container-id';
  return undefined;
};

/** `busybox:1.36`, `ghcr.io/org/app:2.1.0`: an image reference whose tag carries a version. */
const IMAGE_REFERENCE =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*:(?=[\w.-]*\d)[\w][\w.-]{0,127}$/;

const CUED_LABEL_KINDS = new Set<ClaimKind>(['pid', 'ppid', 'uid', 'loginuid', 'gid', 'port', 'tty']);

const claimText = (cue: RoleCue | undefined, kind: ClaimKind, value: string): string =>
  cue && CUED_LABEL_KINDS.has(kind) ? `${cue.label} ${value}` : value;

/**
 * Extracts value claims from one sentence of prose. Times, priorities, rule names and code
 * blocks are found by their own modules; this covers identifiers, numbers and names.
 */
export const extractClaims = (sentence: string, index: FactIndex): Claim[] => {
  const claims: Claim[] = [];
  const taken: Span[] = [];
  const take = (start: number, end: number): void => {
    taken.push({ start, end });
  };
  // The alert's rule named in running text ("the rule **Disallowed K8s User** fired") is the rule,
  // not words to read cues from: cue searches stop at it.
  const rule = index.table.alert.rule;
  // One-word rule names ("process", "file" in Falco's test alerts) are ordinary words: not masked.
  const ruleAt = /\S\s+\S/.test(rule) ? sentence.toLowerCase().indexOf(rule.toLowerCase()) : -1;
  const ruleEnd = ruleAt + rule.length;
  const cueAt = (start: number, end: number): RoleCue | undefined => {
    const from = ruleAt >= 0 && ruleEnd <= start ? Math.max(ruleEnd, start - 60) : Math.max(0, start - 60);
    const to = ruleAt >= end ? Math.min(ruleAt, end + 40) : end + 40;
    return findRoleCue(sentence.slice(from, start), sentence.slice(end, to));
  };
  const add = (claim: Claim): void => {
    claims.push(claim);
    take(claim.start, claim.end);
  };

  for (const match of sentence.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const end = start + match[0].length;
    const cue = cueAt(start, end);
    add({
      kind: 'placeholder',
      text: match[0].replace(/`/g, ''),
      value: match[1]!,
      cue,
      start,
      end,
      placeholder: match[1]!,
    });
  }

  for (const match of sentence.matchAll(CODE_SPAN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFree(taken, start, end)) continue;
    const value = match[2]!.trim();
    const cue = cueAt(start, end);
    if (cue?.kind === 'rule' || resemblesRule(value, index.table.alert.rule)) {
      add({ kind: 'rule', text: value, value, cue, start, end });
      continue;
    }
    const shape = shapeKind(value);
    if (shape) {
      add({ kind: shape, text: value, value, cue, start, end });
      continue;
    }
    if (FALCO_FIELD_SHAPE.test(value) && !index.byValue.has(normalizeValue(value))) {
      add({ kind: 'falco-field', text: value, value, cue, start, end });
      continue;
    }
    if (cue && (cue.takes !== 'number' || /^\d+$/.test(value))) {
      add({ kind: cue.kind, text: claimText(cue, cue.kind, value), value, cue, start, end });
      continue;
    }
    const facts = index.byValue.get(normalizeValue(value));
    const kind = facts?.map((fact) => roleKind(fact.role)).find((candidate) => candidate !== undefined);
    if (kind) {
      add({ kind, text: value, value, cue: undefined, start, end });
      continue;
    }
    if (!facts && IMAGE_REFERENCE.test(value)) {
      add({ kind: 'image', text: value, value, cue: undefined, start, end });
      continue;
    }
    if (isMachineName(value) && PLACE_BEFORE.test(sentence.slice(Math.max(0, start - 12), start))) {
      add({ kind: 'host', text: value, value, cue: UNLABELLED_NAME, start, end });
      continue;
    }
    // An unlabelled code span that is no fact may still carry typed values (`curl 203.0.113.9:8080`).
    take(start, start + 1);
    take(end - 1, end);
  }

  if (ruleAt >= 0 && isFree(taken, ruleAt, ruleEnd)) {
    add({ kind: 'rule', text: rule, value: rule, cue: undefined, start: ruleAt, end: ruleEnd });
  }

  // URLs are checked as a whole by nobody: their hosts and paths are not alert claims.
  for (const match of sentence.matchAll(URL)) take(match.index, match.index + match[0].length);

  for (const match of sentence.matchAll(PORT_AFTER_PROTOCOL)) {
    const start = match.index + match[0].length - match[1]!.length;
    const end = start + match[1]!.length;
    if (!isFree(taken, start, end)) continue;
    add({ kind: 'port', text: `port ${match[1]}`, value: match[1]!, cue: PORT_CUE, start, end });
  }

  for (const match of sentence.matchAll(QUOTED)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFree(taken, start, end)) continue;
    const value = match[1]!.trim();
    const cue = cueAt(start, end);
    if (cue?.kind === 'rule' || resemblesRule(value, index.table.alert.rule)) {
      add({ kind: 'rule', text: value, value, cue, start, end });
      continue;
    }
    if (cue && cue.takes !== 'number' && !/\s/.test(value)) {
      add({ kind: cue.kind, text: value, value, cue, start, end });
    }
  }

  for (const match of sentence.matchAll(MEMFD)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFree(taken, start, end)) continue;
    add({ kind: 'path', text: match[0], value: match[0], cue: cueAt(start, end), start, end });
  }

  for (const match of sentence.matchAll(IP_PORT)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFree(taken, start, end) || match[3] !== undefined) {
      take(start, end);
      continue;
    }
    const kind: ClaimKind = match[2] ? 'ip-port' : 'ip';
    add({ kind, text: match[0], value: match[0], cue: cueAt(start, end), start, end });
  }

  for (const match of sentence.matchAll(PATH)) {
    const start = match.index;
    const end = start + match[1]!.length;
    if (!isFree(taken, start, end) || match[1]!.length < 2) continue;
    add({ kind: 'path', text: match[1]!, value: match[1]!, cue: cueAt(start, end), start, end });
  }

  for (const match of sentence.matchAll(MITRE_ID)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFree(taken, start, end)) continue;
    add({ kind: 'mitre-technique', text: match[0], value: match[0], cue: undefined, start, end });
  }

  for (const match of sentence.matchAll(HEX_ID)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFree(taken, start, end)) continue;
    add({ kind: 'container-id', text: match[0], value: match[0], cue: cueAt(start, end), start, end });
  }

  for (const match of sentence.matchAll(NUMBER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!isFree(taken, start, end)) continue;
    const cue = cueAt(start, end);
    if (!cue || cue.takes === 'name') {
      // Process names can be numbers: a binary run from /proc/self/fd/3 is called `3`.
      if ((cue?.kind === 'process-name' || cue?.kind === 'parent-name') && cue.strong) {
        add({ kind: cue.kind, text: match[0], value: match[0], cue, start, end });
      }
      continue;
    }
    if (cue.takes === 'any' && cue.kind !== 'container-id' && cue.kind !== 'event-id') continue;
    add({ kind: cue.kind, text: claimText(cue, cue.kind, match[0]), value: match[0], cue, start, end });
  }

  // Where cue words end, found once: most words are nowhere near one and skip the cue search.
  const cueEnds = [...sentence.matchAll(CUE_WORD)].map((match) => match.index + match[0].length);
  for (const match of sentence.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const nearCue = cueEnds.some((cueEnd) => cueEnd <= start && start - cueEnd <= 40);
    const nextWordCue = cueEnds.some((cueEnd) => cueEnd > end && cueEnd - end <= 30);
    if (!nearCue && !nextWordCue) continue;
    if (!isFree(taken, start, end)) continue;
    const before = sentence.slice(Math.max(0, start - 40), start);
    if (!nearCue && !CUE_AFTER.test(sentence.slice(end, end + 30))) continue;
    const word = match[0];
    if (/^\d+$/.test(word) || isStopWord(word)) continue;
    const cue = cueAt(start, end);
    if (!cue && isMachineName(word) && PLACE_BEFORE.test(before)) {
      add({ kind: 'host', text: word, value: word, cue: UNLABELLED_NAME, start, end });
      continue;
    }
    if (!cue || cue.takes === 'number' || cue.kind === 'rule') continue;
    if (!isBareValue(word, cue, index.byValue.has(normalizeValue(word)))) continue;
    add({ kind: cue.kind, text: word, value: word, cue, start, end });
  }

  return claims.sort((left, right) => left.start - right.start);
};
