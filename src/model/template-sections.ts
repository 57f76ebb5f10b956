import type { Fact } from '../facts/fact.js';
import type { FactLookup } from './fact-lookup.js';
import { inlineCode as code } from './inline-code.js';

/**
 * The template writer's prose. Every alert value is written as a code span right after the word
 * that names its role ("parent process `python3`", "UID `0`"), and no number ever stands next to a
 * role word it is not, so the checker can verify each claim and the prose passes it by construction.
 */

const HOST_CONTAINER_IDS = new Set(['host', '']);

export const lowerFirst = (text: string): string =>
  /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase()}${text.slice(1)}` : text;

export const list = (items: string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')}${items.length > 2 ? ',' : ''} and ${items.at(-1)}`;

/**
 * The alert's own `time`, when it parses; event-time fields can disagree with it, and an
 * unparseable time is left to the facts table rather than stated as when the alert fired.
 */
export const alertTime = (facts: FactLookup): Fact | undefined =>
  facts.table.alert.timeMs === undefined ? undefined : facts.field('time');

export const containerFacts = (facts: FactLookup) => {
  const id = facts.role('container-id');
  const inContainer = id !== undefined && !HOST_CONTAINER_IDS.has(id.value);
  return {
    id: inContainer ? id : undefined,
    onHost: id !== undefined && !inContainer,
    name: inContainer ? facts.role('container-name') : undefined,
    image: inContainer ? facts.role('image') : undefined,
    tag: inContainer ? facts.role('image-tag') : undefined,
  };
};

/** "container `lab-runner` (container ID `c61b4b13ae44`)", or by id alone when it has no name. */
export const describeContainer = (facts: FactLookup): string | undefined => {
  const container = containerFacts(facts);
  if (container.id === undefined) return undefined;
  return container.name === undefined
    ? `the container with container ID ${code(container.id.value)}`
    : `container ${code(container.name.value)} (container ID ${code(container.id.value)})`;
};

export const summarySentences = (facts: FactLookup): string[] => {
  const sentences: string[] = [];
  const rule = facts.value('rule') ?? facts.table.alert.rule;
  const priority = facts.value('priority');
  const host = facts.value('host');
  const time = alertTime(facts);
  let first = `Falco rule ${code(rule)} fired`;
  if (priority !== undefined) first += ` with priority ${code(priority)}`;
  if (host !== undefined) first += ` on host ${code(host)}`;
  if (time !== undefined) first += ` at ${code(time.value)}`;
  sentences.push(`${first}.`);

  const container = containerFacts(facts);
  const where = describeContainer(facts);
  if (where !== undefined) {
    let sentence = `It happened in ${where}`;
    if (container.image !== undefined) sentence += `, running image ${code(container.image.value)}`;
    if (container.tag !== undefined) sentence += ` with image tag ${code(container.tag.value)}`;
    sentences.push(`${sentence}.`);
  } else if (container.onHost) {
    sentences.push('It happened on the host itself, outside any container.');
  }
  const namespace = facts.value('k8s-namespace');
  const pod = facts.value('k8s-pod');
  if (pod !== undefined && namespace !== undefined) {
    sentences.push(`The Kubernetes pod is ${code(pod)} in namespace ${code(namespace)}.`);
  } else if (pod !== undefined) {
    sentences.push(`The Kubernetes pod is ${code(pod)}.`);
  } else if (namespace !== undefined) {
    sentences.push(`The Kubernetes namespace is ${code(namespace)}.`);
  }

  const process = facts.value('process-name');
  const user = facts.value('user');
  if (process !== undefined && user !== undefined) {
    sentences.push(`The process involved was ${code(process)}, running as user ${code(user)}.`);
  } else if (process !== undefined) {
    sentences.push(`The process involved was ${code(process)}.`);
  } else if (user !== undefined) {
    sentences.push(`The action was performed by user ${code(user)}.`);
  }
  if (facts.table.alert.source === 'internal') {
    sentences.push('Falco raised this alert about its own operation, not about a workload it watches.');
  }
  return sentences;
};

const processSentences = (facts: FactLookup): string[] => {
  const sentences: string[] = [];
  const process = facts.value('process-name');
  const cmdline = facts.value('cmdline');
  if (process !== undefined && cmdline !== undefined) {
    sentences.push(`The process ${code(process)} ran the command line ${code(cmdline)}.`);
  } else if (process !== undefined) {
    sentences.push(`The process was ${code(process)}.`);
  } else if (cmdline !== undefined) {
    sentences.push(`The command line was ${code(cmdline)}.`);
  }
  const exePath = facts.value('exe-path');
  if (exePath !== undefined) sentences.push(`Its executable path was ${code(exePath)}.`);
  const pid = facts.value('pid');
  if (pid !== undefined) sentences.push(`Its PID was ${code(pid)}.`);
  const parent = facts.value('parent-name');
  if (parent !== undefined) sentences.push(`Its parent process was ${code(parent)}.`);
  const parentCmdline = facts.value('parent-cmdline');
  if (parentCmdline !== undefined) {
    sentences.push(`The command line of its parent process was ${code(parentCmdline)}.`);
  }
  const ppid = facts.value('ppid');
  if (ppid !== undefined) sentences.push(`The parent PID was ${code(ppid)}.`);
  const ancestors = facts.all('ancestor-name').map((fact) => code(fact.value));
  if (ancestors.length === 1)
    sentences.push(`Further up the process tree was the ancestor process ${ancestors[0]}.`);
  if (ancestors.length > 1)
    sentences.push(`Further up the process tree were the ancestor processes ${list(ancestors)}.`);
  const sessionLeader = facts.value('session-leader-name');
  if (sessionLeader !== undefined) sentences.push(`The session leader process was ${code(sessionLeader)}.`);
  const cwd = facts.value('cwd');
  if (cwd !== undefined) sentences.push(`The working directory was ${code(cwd)}.`);
  const tty = facts.value('tty');
  if (tty !== undefined && tty !== '0')
    sentences.push(`The process had the terminal (TTY) ${code(tty)} attached.`);
  return sentences;
};

const identitySentences = (facts: FactLookup): string[] => {
  const sentences: string[] = [];
  const user = facts.value('user');
  const uid = facts.value('uid');
  if (user !== undefined && facts.value('process-name') !== undefined)
    sentences.push(`It ran as user ${code(user)}.`);
  if (uid !== undefined) sentences.push(`The user's UID was ${code(uid)}.`);
  const loginUser = facts.value('login-user');
  if (loginUser !== undefined) sentences.push(`The login user was ${code(loginUser)}.`);
  const loginuid = facts.value('loginuid');
  if (loginuid !== undefined) sentences.push(`The loginuid was ${code(loginuid)}.`);
  const group = facts.value('group');
  if (group !== undefined) sentences.push(`The group was ${code(group)}.`);
  const gid = facts.value('gid');
  if (gid !== undefined) sentences.push(`The GID was ${code(gid)}.`);
  return sentences;
};

const eventSentences = (facts: FactLookup): string[] => {
  const sentences: string[] = [];
  const eventType = facts.value('event-type');
  const result = facts.value('syscall-result');
  if (eventType !== undefined && result !== undefined) {
    sentences.push(`The event type was ${code(eventType)}, with result ${code(result)}.`);
  } else if (eventType !== undefined) {
    sentences.push(`The event type was ${code(eventType)}.`);
  }
  return sentences;
};

/** Roles without a dedicated sentence are stated with the fact's own label, one per sentence. */
const LABELLED_ROLES = [
  'path',
  'fd-name',
  'ip',
  'port',
  'protocol',
  'k8s-resource',
  'image-digest',
  'cloud-account',
  'cloud-region',
  'cloud-resource',
  'other',
] as const;

/** Falco's own counters and raw nanosecond clocks say nothing a reader can act on; the facts table has them. */
const isNoise = (fact: Fact): boolean =>
  fact.role === 'other' &&
  (/^(?:falco|scap|plugins)\.|^n_drops/.test(fact.field) || fact.label.includes('(ns)'));

const MAX_LABELLED = 12;

/** "account" alone reads as a user name to a reader (and to the checker); an account is named by its ID. */
const labelFor = (fact: Fact): string => {
  const label = lowerFirst(fact.label);
  return fact.role === 'cloud-account' && /\baccount$/i.test(label) ? `${label} ID` : label;
};

/**
 * "The alert records remote port `4444`.": the label sits right before the value, as the role cue.
 * Fields the facts stage has no label for (label = field name) are left to the facts table.
 */
const labelledSentences = (facts: FactLookup): string[] =>
  LABELLED_ROLES.flatMap((role) => facts.all(role))
    .filter((fact) => !isNoise(fact) && fact.label !== fact.field)
    .slice(0, MAX_LABELLED)
    .map((fact) => `The alert records ${labelFor(fact)} ${code(fact.value)}.`);

export const whatHappenedSentences = (facts: FactLookup): string[] => {
  const sentences = [
    ...processSentences(facts),
    ...identitySentences(facts),
    ...eventSentences(facts),
    ...labelledSentences(facts),
  ];
  const where = describeContainer(facts);
  if (where !== undefined) sentences.push(`All of this happened inside ${where}.`);
  if (facts.table.alert.source === 'internal') {
    sentences.push(
      "The alert's other values are Falco's own counters and settings, listed in the facts table.",
    );
  }
  return sentences;
};
