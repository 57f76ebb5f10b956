import type { FactRole } from '../facts/fact.js';
import type { ClaimKind } from './finding.js';

/**
 * A phrase that tells what the value next to it is. `strong` cues name a role outright ("parent PID",
 * "on host"): a value that belongs to another field is then a contradiction. Weak cues ("ran",
 * "`x` process") only say the value is about the event, so any field holding it supports the claim.
 */
export interface RoleCue {
  kind: ClaimKind;
  roles: FactRole[];
  strong: boolean;
  /** How the claim is written in findings: `PID 3`, `parent PID 34816`. */
  label: string;
  /** Which value shapes the cue can take: bare words need an identifier-like shape or a fact match. */
  takes: 'number' | 'name' | 'any';
}

interface CuePattern extends RoleCue {
  /** Matches at the end of the text before the value (lower-cased, abbreviations in parentheses removed). */
  before?: RegExp;
  /** Matches at the start of the text after the value. */
  after?: RegExp;
}

const cue = (
  kind: ClaimKind,
  roles: FactRole[],
  label: string,
  takes: RoleCue['takes'],
  patterns: { before?: RegExp; after?: RegExp },
  strong = true,
): CuePattern => ({ kind, roles, label, takes, strong, ...patterns });

// Order matters: the first pattern that matches wins, so longer phrases come first.
const CUES: CuePattern[] = [
  cue('ppid', ['ppid'], 'parent PID', 'number', {
    before: /(?:\bparent(?:'s)?\s+(?:process\s+)?(?:id|pid|identifier|number)|\bppid)$/,
    after:
      /^\s*(?:\(\s*(?:the\s+)?(?:ppid|parent\s+pid|parent\s+process\s+id)\s*\)|(?:is|was)\s+(?:the|its)\s+(?:ppid|parent\s+pid|parent\s+process\s+id)\b)/,
  }),
  cue('pid', ['pid'], 'PID', 'number', {
    before: /(?:\bprocess\s+(?:id|identifier|number)|\bpid)$/,
    after:
      /^\s*(?:\(\s*(?:the\s+)?(?:pid|process\s+id)\s*\)|(?:is|was)\s+(?:the|its)\s+(?:pid|process\s+id)\b)/,
  }),
  cue('loginuid', ['loginuid'], 'login UID', 'number', {
    before: /(?:\blogin\s*uid|\blogin\s+user\s+id|\baudit\s+(?:uid|user\s+id)|\bauid)$/,
    after: /^\s*\(\s*(?:the\s+)?(?:login\s*uid|login\s+user\s+id)\s*\)/,
  }),
  cue('uid', ['uid'], 'UID', 'number', {
    before: /(?:\buser\s+id|\buid)$/,
    after: /^\s*(?:\(\s*(?:the\s+)?(?:uid|user\s+id)\s*\)|(?:is|was)\s+(?:the|its)\s+(?:uid|user\s+id)\b)/,
  }),
  cue('gid', ['gid'], 'GID', 'number', { before: /(?:\bgroup\s+id|\bgid)$/ }),
  cue('tty', ['tty'], 'terminal', 'number', {
    before: /(?:\b(?:terminal|tty)(?:\s+device)?(?:\s+number)?)$/,
    after: /^\s*\(\s*(?:the\s+)?(?:terminal|tty)\b/,
  }),
  cue('port', ['port'], 'port', 'number', {
    before: /\bports?(?:\s+number)?$/,
    after: /^\s*(?:\/(?:tcp|udp)\b|\(\s*(?:the\s+)?port\b)/,
  }),
  cue('container-id', ['container-id'], 'container ID', 'any', {
    before: /\bcontainer(?:\s+(?:details|info|information)\s*:?\s*(?:[^.;]{0,60}\s)?|\s+)id$/,
    after: /^\s*\(\s*(?:the\s+)?container\s+id\s*\)/,
  }),
  cue('image', ['image', 'image-tag', 'image-digest'], 'image', 'any', {
    before: /\b(?:container\s+)?image(?:\s+name)?$/,
    after: /^\s*(?:\(\s*(?:the\s+)?(?:container\s+)?image\b|(?:container\s+)?image\b)/,
  }),
  cue('container-name', ['container-name', 'container-id'], 'container', 'name', {
    // "Container details: name `x`, ID `y`": a label list names its entity once, up front.
    before: /\bcontainer(?:\s+name|\s+named|\s+(?:details|info|information)\s*:?\s*(?:[^.;]{0,60}\s)?name)?$/,
    after: /^\s*(?:\(\s*(?:the\s+)?container(?:\s+name)?\s*\)|container\b)/,
  }),
  cue('host', ['host'], 'host', 'name', {
    before: /\b(?:host\s*name|host|node|machine|server)(?:\s+named|\s+called)?$/,
    after:
      /^\s*(?:\(\s*(?:the\s+)?host\s*name\s*\)|(?:host|node|machine|server)\b(?!\s*(?:path|port|ip|network|pid|process|file|system|level|mount)))/,
  }),
  cue('k8s-namespace', ['k8s-namespace'], 'namespace', 'name', {
    before: /\b(?:kubernetes\s+|k8s\s+)?namespace$/,
    after: /^\s*(?:\(\s*(?:the\s+)?namespace\s*\)|namespace\b)/,
  }),
  // The pod an audit event targets is `ka.target.name` (a k8s-resource): a pod name too.
  cue('k8s-pod', ['k8s-pod', 'k8s-resource'], 'pod', 'name', {
    before: /\bpod(?:\s+name|\s+named)?$/,
    after: /^\s*(?:\(\s*(?:the\s+)?pod(?:\s+name)?\s*\)|pod\b)/,
  }),
  cue('user', ['user', 'login-user'], 'user', 'name', {
    before:
      /(?:\buser\s*name|\busername|\b(?:user|(?<!service\s)account)(?:\s+named|\s+called)?|\b(?:run|runs|ran|running|executed|executing|acting|logged\s+in|operating)\s+as(?:\s+the)?)$/,
    after: /^\s*(?:\(\s*(?:the\s+)?user(?:\s*name)?\s*\)|(?:user|account)\b(?!\s*(?:id|uid|name\b)))/,
  }),
  cue('parent-name', ['ancestor-name', 'session-leader-name'], 'grandparent process', 'name', {
    before: /\b(?:grandparent|ancestor|session\s+leader)(?:\s+process)?(?:\s+name)?$/,
    after: /^\s*\(\s*(?:the\s+)?(?:grandparent|ancestor|session\s+leader)/,
  }),
  cue('parent-name', ['parent-name', 'parent-cmdline'], 'parent process', 'name', {
    before:
      /(?:\bparent(?:\s+process)?(?:\s+name)?(?:\s+named)?|\bparent\s+of\s+(?:the|this|that|its)\s+(?:\w+\s+)?process|\b(?:spawned|launched|started|forked|created)\s+(?:by|from)|\bchild\s+(?:process\s+)?of)$/,
    after:
      /^\s*(?:\(\s*(?:the\s+)?parent(?:\s+process)?(?:\s+name)?\s*\)|parent(?:\s+process)?\b|(?:is|was)\s+(?:the|its)\s+parent\b|(?:spawned|forked|launched|started)\s+(?:the|a|an|this)\b)/,
  }),
  cue('cmdline', ['cmdline'], 'command line', 'any', {
    before: /\b(?:command\s*line|cmdline|command)$/,
    after: /^\s*\(\s*(?:the\s+)?(?:command\s*line|cmdline|command)\s*\)/,
  }),
  cue('process-name', ['process-name', 'exe-path'], 'process', 'name', {
    before:
      /\b(?:(?:process|binary|program|executable)\s+name|process\s+named|process|program|binary|executable)$/,
    after: /^\s*\(\s*(?:the\s+)?(?:process(?:\s+name)?|program|binary)\s*\)/,
  }),
  cue(
    'process-name',
    ['process-name', 'exe-path', 'parent-name', 'ancestor-name', 'session-leader-name'],
    'process',
    'name',
    { after: /^\s*(?:process|binary|program|executable)\b/ },
    false,
  ),
  cue(
    'cmdline',
    ['cmdline', 'process-name', 'exe-path', 'parent-cmdline'],
    'command',
    'any',
    {
      before:
        /\b(?:ran|runs|run|executed|executes|executing|running|invoked|invoking|launched|launching|(?:execution|invocation|launch)\s+of)$/,
    },
    false,
  ),
  cue('response-code', ['response-code'], 'response code', 'number', {
    before: /\b(?:(?:http\s+)?(?:response|status)(?:\s+code)?|http\s+code)$/,
    after: /^\s*\(\s*(?:the\s+)?(?:http\s+)?(?:response|status)\s+code\s*\)/,
  }),
  cue('event-id', ['other'], 'event ID', 'any', {
    before: /(?:\b(?:event|alert|incident)\s+(?:id|identifier|number|uuid)|\b(?:sequence|serial)\s+number)$/,
  }),
  cue('rule', ['rule'], 'rule', 'any', {
    before: /\brule(?:\s+named|\s+called)?$/,
    after: /^\s*(?:\(\s*(?:the\s+)?rule\s*\)|rule\b)/,
  }),
];

const FILLER =
  /(?:[:=,*_|]+|\b(?:is|was|were|are|be|being|been|of|involved|number|value|recorded|reported|listed|shown|given|set|to|equal|the|a|an|its|their|with|had|has|have|reads|read|identified|by)\b)$/;
const LAST_WORD = /([a-z]+)$/;
const CUE_LAST_WORDS = new Set(
  (
    'id pid ppid identifier number uuid uid auid loginuid gid terminal tty device port ports image name container named ' +
    'called host hostname node machine server namespace pod username user account as the grandparent ancestor leader ' +
    'process parent by from of line cmdline command program binary executable ran runs run executed executes ' +
    'executing running invoked invoking launched launching rule code response status'
  ).split(' '),
);
const QUALIFIER = /\s+(?:of|for|in|on)\s+(?:the|this|that|its)\s+\w+(?:\s+\w+)?$/;
const ABBREVIATION_PARENTHESES = /\s*\((?:pid|ppid|uid|gid|auid|loginuid|login\s+uid|tty|id)\)/g;

/**
 * Finds the cue for a value from the text right before it (up to three filler words away) or a
 * label right after it. An explicit label after the value ("`3` (process name)") wins.
 */
export const findRoleCue = (before: string, after: string): RoleCue | undefined => {
  const lowerAfter = after.toLowerCase();
  const parenthetical = /^\s*\(/.test(lowerAfter);
  if (parenthetical) {
    const found = CUES.find((candidate) => candidate.after?.test(lowerAfter));
    if (found) return found;
  }
  let text = before.toLowerCase().replace(ABBREVIATION_PARENTHESES, '').trimEnd();
  for (let step = 0; step < 4; step++) {
    // Every cue phrase ends in one of a few words; testing that first skips the patterns most of the time.
    const last = LAST_WORD.exec(text)?.[1];
    const found =
      last !== undefined && CUE_LAST_WORDS.has(last)
        ? CUES.find((candidate) => candidate.before?.test(text))
        : undefined;
    if (found) return found;
    let stripped = text.replace(FILLER, '');
    // "the loginuid of the session was 0": the cue heads a noun phrase the value completes.
    if (stripped === text) stripped = text.replace(QUALIFIER, '');
    if (stripped === text) break;
    text = stripped.trimEnd();
  }
  if (!parenthetical) return CUES.find((candidate) => candidate.after?.test(lowerAfter));
  return undefined;
};
