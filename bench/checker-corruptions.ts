import { type AlertView, formatTime, pick } from './checker-alert-view.js';

/**
 * One injected error per corrupted report, worded the way small models word their mistakes
 * (the seed report is the model for most of them). Each returns the sentence or block to insert
 * and the wrong value it carries, or undefined when the class does not apply to the alert.
 */

export const ERROR_CLASSES = [
  'wrong value',
  'role swap',
  'fabricated id',
  'wrong host',
  'wrong time',
  'wrong severity',
  'invented path',
  'invented IP',
  'invented port',
  'wrong MITRE id',
  'product-name typo',
  'invented config',
  'missing field (k8s)',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface Corruption {
  errorClass: ErrorClass;
  /** The Markdown inserted into an otherwise truthful report: one sentence or one code block. */
  markdown: string;
  /** The wrong value, when the error is a value. */
  value: string | undefined;
}

type Random = () => number;

const unused = (view: AlertView, random: Random, pool: readonly string[]): string | undefined => {
  const candidates = pool.filter((value) => !view.holds(value));
  return candidates.length === 0 ? undefined : pick(random, candidates);
};

const hex = (random: Random, length: number): string => {
  let text = '';
  while (text.length < length) text += Math.floor(random() * 16).toString(16);
  return /\d/.test(text) && /[a-f]/.test(text) ? text : `${text.slice(0, -2)}a1`;
};

const number = (random: Random, low: number, high: number): string =>
  String(low + Math.floor(random() * (high - low)));

const fill = (template: string, value: string): string => template.replaceAll('{v}', value);

const PROCESS_NAMES = ['bash', 'curl', 'nc', 'sh', 'xmrig', 'kworkerd', 'perl', 'socat', 'busybox'];
const USERS = ['admin', 'ubuntu', 'www-data', 'jenkins', 'svc-deploy', 'postgres', 'nobody'];
const HOSTS = ['prod-web-01', 'ip-10-0-3-17.ec2.internal', 'k8s-worker-2', 'build-agent-7', 'db-primary-03'];
const IMAGES = ['nginx:1.25.3', 'alpine:3.19', 'ubuntu:22.04', 'node:20-slim', 'redis:7.2'];
const CONTAINER_NAMES = ['web-frontend', 'payment-api-1', 'redis-cache', 'worker-42'];
const COMMANDS = ['bash -i', 'sh -c whoami', 'nc -lvnp 9001', 'perl -e exec', 'busybox wget -q -O-'];
const PATHS = [
  '/tmp/.X11-unix/.x',
  '/var/tmp/kdevtmpfsi',
  '/dev/shm/.payload',
  '/usr/local/bin/xmrig',
  '/root/.ssh/authorized_keys2',
];
const IPS = ['203.0.113.45', '198.51.100.23', '45.33.32.156', '192.0.2.77', '185.220.101.4'];
const PORTS = ['31337', '8443', '1337', '9001', '6667'];
const TECHNIQUES = ['T1059.004', 'T1055', 'T1611', 'T1003.008', 'T1105', 'T1548.001'];
const NAMESPACES = ['prod', 'payments', 'kube-system', 'default'];
const PODS = ['web-7d9f8c6b5-x2kqp', 'api-server-0', 'redis-5c4f9-abcde'];

const wrongValue = (view: AlertView, random: Random): Corruption | undefined => {
  const options: Array<() => Corruption | undefined> = [];
  const offer = (present: string | undefined, pool: readonly string[], templates: string[]): void => {
    if (present === undefined) return;
    options.push(() => {
      const value = unused(view, random, pool);
      return value === undefined
        ? undefined
        : { errorClass: 'wrong value', markdown: fill(pick(random, templates), value), value };
    });
  };
  offer(view.field('proc.name'), PROCESS_NAMES, [
    'The process `{v}` triggered the rule.',
    'The suspicious process was {v}.',
    'Falco flagged the process named `{v}`.',
    '**Process:** `{v}`',
    'The binary `{v}` was executed.',
  ]);
  offer(view.field('proc.pname'), PROCESS_NAMES, [
    'It was spawned by the parent process `{v}`.',
    'The parent process was {v}.',
    '`{v}` was the parent of the flagged process.',
    '{v} spawned the flagged process.',
  ]);
  offer(view.role('user'), USERS, [
    'The command was executed by user `{v}`.',
    'It ran as {v}.',
    'The user account `{v}` owned the process.',
    '**User:** {v}',
  ]);
  offer(
    view.field('user.uid'),
    ['1001', '33', '65534', '501'],
    ['The process ran with UID {v}.', 'The user ID (UID) was {v}.'],
  );
  offer(view.field('container.name'), CONTAINER_NAMES, [
    'The container `{v}` was affected.',
    'This occurred in the {v} container.',
  ]);
  offer(view.field('container.image.repository'), IMAGES, [
    'The container was running the image `{v}`.',
    'The workload image is {v}.',
  ]);
  offer(view.field('proc.cmdline'), COMMANDS, [
    'The command line was `{v}`.',
    'The process executed `{v}`.',
    'The attacker ran `{v}` on the machine.',
  ]);
  offer(
    view.field('proc.pid'),
    ['4821', '13377', '2210'],
    ['The process ID (PID) was {v}.', 'It ran as PID {v}.'],
  );
  offer(view.field('k8s.ns.name'), NAMESPACES, ['The pod ran in the namespace `{v}`.']);
  return options.length === 0 ? undefined : pick(random, options)();
};

const roleSwap = (view: AlertView, random: Random): Corruption | undefined => {
  const swaps: Corruption[] = [];
  const add = (
    value: string | undefined,
    templates: string[],
    differs: Array<string | undefined> = [],
  ): void => {
    if (value === undefined || differs.includes(value)) return;
    swaps.push({ errorClass: 'role swap', markdown: fill(pick(random, templates), value), value });
  };
  const tty = view.field('proc.tty');
  if (tty !== '0') {
    add(
      tty,
      [
        'The parent PID is {v}.',
        'It was started with the parent PID being {v}.',
        'The process ID (PID) was {v}.',
      ],
      [view.field('proc.pid'), view.field('proc.ppid')],
    );
  }
  const name = view.field('proc.name');
  if (name && /^\d+$/.test(name))
    add(name, ['The process ID (PID) involved is {v}.', 'PID {v} executed the payload.']);
  add(
    view.field('user.loginuid'),
    ['The process ran with UID {v}.', 'The user ID (UID) was {v}.'],
    // A loginuid of 0 called the UID is still true when the user is root (UID 0 by definition).
    [view.field('user.uid'), view.role('user') === 'root' ? '0' : undefined],
  );
  add(
    view.field('user.uid'),
    ['The login UID was {v}.', 'The loginuid of the session was {v}.'],
    [view.field('user.loginuid')],
  );
  add(view.field('proc.pid'), ['The parent PID was {v}.'], [view.field('proc.ppid')]);
  add(view.field('proc.ppid'), ['The process ID (PID) was {v}.'], [view.field('proc.pid')]);
  add(
    view.field('proc.pname'),
    ['The process `{v}` was flagged by the rule.', 'The flagged process name was {v}.'],
    [name],
  );
  add(name, ['Its parent process was `{v}`.', 'It was spawned by {v}.'], [view.field('proc.pname')]);
  return swaps.length === 0 ? undefined : pick(random, swaps);
};

const fabricatedId = (view: AlertView, random: Random): Corruption | undefined => {
  const options: Corruption[] = [];
  const pid = number(random, 1200, 48000);
  if (!view.field('proc.pid') && !view.holds(pid)) {
    options.push({
      errorClass: 'fabricated id',
      markdown: `The process ID (PID) involved is ${pid}.`,
      value: pid,
    });
    options.push({ errorClass: 'fabricated id', markdown: `It was running with PID ${pid}.`, value: pid });
    options.push({
      errorClass: 'fabricated id',
      markdown: `The process (pid=${pid}) must be terminated.`,
      value: pid,
    });
  }
  const ppid = number(random, 2, 9000);
  if (!view.field('proc.ppid') && !view.holds(ppid)) {
    options.push({
      errorClass: 'fabricated id',
      markdown: `The parent process ID was ${ppid}.`,
      value: ppid,
    });
  }
  const container = hex(random, 12);
  options.push({
    errorClass: 'fabricated id',
    markdown: `The container ID is \`${container}\`.`,
    value: container,
  });
  const gid = number(random, 1001, 2000);
  if (!view.field('group.gid') && !view.holds(gid)) {
    options.push({
      errorClass: 'fabricated id',
      markdown: `The process ran with group ID (GID) ${gid}.`,
      value: gid,
    });
  }
  return options.length === 0 ? undefined : pick(random, options);
};

const wrongHost = (view: AlertView, random: Random): Corruption | undefined => {
  const value = unused(view, random, HOSTS);
  if (value === undefined) return undefined;
  const template = pick(random, [
    'The alert was raised on host `{v}`.',
    'This happened on the node {v}.',
    'The affected machine is {v}.',
    'The event was detected on the hostname {v}.',
    'Falco on {v} reported the event.',
    'The incident occurred on `{v}`.',
  ]);
  return { errorClass: 'wrong host', markdown: fill(template, value), value };
};

const wrongTime = (view: AlertView, random: Random): Corruption | undefined => {
  if (!view.time) return undefined;
  const shifts = [3600_000, -7200_000, 86_400_000, -86_400_000, 17 * 60_000, 5_000];
  const style = Math.floor(random() * 5);
  // A shift the written precision cannot show ("14:02 UTC" moved by 5 s, which may round either
  // way) would not be an error: demand it moves the time by two units of the written precision.
  const minutePrecision =
    formatTime(view.time, style) === formatTime(new Date(view.time.getTime() + 1000), style);
  const visible = shifts.filter((shift) => Math.abs(shift) >= (minutePrecision ? 120_000 : 2_000));
  const written = formatTime(new Date(view.time.getTime() + pick(random, visible)), style);
  const template = pick(random, [
    'The event occurred at {v}.',
    'Falco detected this activity at {v}.',
    'The alert fired at {v}.',
  ]);
  return { errorClass: 'wrong time', markdown: fill(template, written), value: written };
};

const wrongSeverity = (view: AlertView, random: Random): Corruption | undefined => {
  const priority = view.table.alert.priority;
  const high = ['Emergency', 'Alert', 'Critical', 'Error'].includes(priority);
  const words = high
    ? ['Warning priority', 'low severity', 'Notice priority', 'informational severity']
    : priority === 'Warning'
      ? ['Critical priority', 'high severity', 'low severity', 'Emergency priority']
      : ['Critical priority', 'high severity', 'Error priority'];
  const value = pick(random, words);
  const template = pick(random, [
    'Falco classified this as an event with {v}.',
    'The alert has {v}.',
    'This detection was assigned {v} by Falco.',
  ]);
  return { errorClass: 'wrong severity', markdown: fill(template, value), value };
};

const inventedPath = (view: AlertView, random: Random): Corruption | undefined => {
  const value = unused(view, random, PATHS);
  if (value === undefined) return undefined;
  const template = pick(random, [
    'The process also wrote the file `{v}`.',
    'Falco logged the event to `{v}`.',
    'A dropped binary was found at {v}.',
    'The payload was staged in {v} before execution.',
  ]);
  return { errorClass: 'invented path', markdown: fill(template, value), value };
};

const inventedIp = (view: AlertView, random: Random): Corruption | undefined => {
  const value = unused(view, random, IPS);
  if (value === undefined) return undefined;
  const template = pick(random, [
    'The process connected to {v}.',
    'Outbound traffic went to the address `{v}`.',
    'The payload was fetched from a C2 server at {v}:443.',
    "The attacker's IP address is {v}.",
  ]);
  return { errorClass: 'invented IP', markdown: fill(template, value), value };
};

const inventedPort = (view: AlertView, random: Random): Corruption | undefined => {
  const value = unused(view, random, PORTS);
  if (value === undefined) return undefined;
  const template = pick(random, [
    'It opened a connection on port {v}.',
    'The listener was bound to port {v}.',
    'Traffic went to TCP port {v}.',
  ]);
  return { errorClass: 'invented port', markdown: fill(template, value), value };
};

const wrongMitre = (view: AlertView, random: Random): Corruption | undefined => {
  const value = unused(view, random, TECHNIQUES);
  if (value === undefined) return undefined;
  const template = pick(random, [
    'This maps to MITRE ATT&CK technique {v}.',
    'The behavior corresponds to {v} in MITRE ATT&CK.',
    '**MITRE ATT&CK:** {v}',
  ]);
  return { errorClass: 'wrong MITRE id', markdown: fill(template, value), value };
};

const productTypo = (_view: AlertView, random: Random): Corruption => {
  const markdown = pick(random, [
    'Falcon detected the suspicious execution.',
    'Check the logs in /var/log/falcon.log for more context.',
    'The Falcon rule fired as designed.',
    'Sysdig Falcon flagged the event in real time.',
  ]);
  return { errorClass: 'product-name typo', markdown, value: undefined };
};

const CONFIGS = [
  '```bash\n# Configure Falco to alert on this\n[alert]\nname: Suspicious execution\nexpr:\n  proc.name = bash\nseverity: critical\n```',
  '```yaml\n- name: Detect suspicious execution\n  expr: evt.type = execve and proc.name = bash\n  severity: high\n```',
  '```yaml\n- rule: Detect memfd execution\n  desc: Detect binaries run from memory\n  condition: spawned_process and process.memfd = true\n  output: "memfd exec (command=%proc.cmdline)"\n  priority: WARNING\n```',
  '```yaml\nalerting:\n  enabled: true\n  log_file: /var/log/falco/alerts.log\n```',
  '```yaml\n- rule: Shell in container\n  condition: container.id != host and proc.name = bash\n  output: "shell (user=%user.name)"\n  priority: HIGH\n  desc: shells\n```',
];

const inventedConfig = (_view: AlertView, random: Random): Corruption => ({
  errorClass: 'invented config',
  markdown: `Add the following to your Falco configuration:\n\n${pick(random, CONFIGS)}`,
  value: undefined,
});

const kubernetesClaim = (view: AlertView, random: Random): Corruption | undefined => {
  const hasKubernetes = view.table.facts.some((fact) => /^(k8s|ka)\./.test(fact.field));
  if (hasKubernetes || /k8s|kubernetes/i.test(`${view.table.alert.rule} ${view.table.rule?.desc ?? ''}`)) {
    return undefined;
  }
  const pod = pick(random, PODS);
  const namespace = pick(random, NAMESPACES);
  const markdown = pick(random, [
    `The pod \`${pod}\` in namespace \`${namespace}\` was affected.`,
    'This happened inside a Kubernetes pod.',
    `The workload runs in the \`${namespace}\` namespace of the cluster.`,
    'The container is part of a Kubernetes deployment.',
    'Falco detected this in the production Kubernetes cluster.',
  ]);
  return { errorClass: 'missing field (k8s)', markdown, value: undefined };
};

export const CORRUPTORS: Record<ErrorClass, (view: AlertView, random: Random) => Corruption | undefined> = {
  'wrong value': wrongValue,
  'role swap': roleSwap,
  'fabricated id': fabricatedId,
  'wrong host': wrongHost,
  'wrong time': wrongTime,
  'wrong severity': wrongSeverity,
  'invented path': inventedPath,
  'invented IP': inventedIp,
  'invented port': inventedPort,
  'wrong MITRE id': wrongMitre,
  'product-name typo': productTypo,
  'invented config': inventedConfig,
  'missing field (k8s)': kubernetesClaim,
};

/** Puts the corruption before the report's last section, as its own paragraph. */
export const insertCorruption = (markdown: string, corruption: Corruption): string => {
  const lines = markdown.split('\n');
  let position = lines.length;
  for (let index = lines.length - 1; index > 0; index--) {
    if (/^#{1,6}\s/.test(lines[index]!) || /^[-=]{3,}\s*$/.test(lines[index]!)) {
      position = /^[-=]{3,}\s*$/.test(lines[index]!) ? index - 1 : index;
      break;
    }
  }
  lines.splice(position, 0, corruption.markdown, '');
  return lines.join('\n');
};
