import { type AlertView, formatTime, pick, severityWords } from './checker-alert-view.js';

/**
 * Hand-written paraphrase templates: the ways a careful analyst (or a model that gets it right)
 * words a report, filled from one alert's facts. Every sentence is true of the alert; a sentence
 * whose facts are missing is left out.
 */

type Random = () => number;

const code = (value: string): string => (value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``);

const isPath = (value: string): boolean => value.startsWith('/');

const GENERIC_ANALYSIS = [
  'An attacker who already has code execution may be using this step to gain persistence or to evade detection.',
  'On its own the alert does not prove compromise, but the combination of process, user and context deserves a closer look.',
  'The surrounding activity on the same machine is the best way to tell an intrusion from an administrative task.',
  'Falco evaluates every system call against its rules, so the alert reflects what actually happened at the kernel level.',
  'Treat the event as suspicious until the owner of the workload confirms it.',
  'This is a high-level overview; it is critical to confirm the details before acting.',
  'Most x86-64 Linux distributions allow this behavior by default, which is why Falco watches for it.',
  'Falco 0.41 and later ship this rule in the default ruleset.',
];

const GENERIC_ADVICE = [
  'Review the Falco rule and decide whether an exception is needed, instead of disabling the rule.',
  'Correlate the alert with audit logs and shell history from the same period.',
  'Make sure Falco 0.41 or later is deployed so the newest rule fixes apply.',
  'Keep at most 2 people with write access to the rules files to limit accidental changes.',
  'Step 1 is always to preserve evidence before changing anything.',
];

const whatHappened = (view: AlertView, random: Random, bare: boolean): string[] => {
  const sentences: string[] = [];
  const show = (value: string): string => (bare && /^[\w.:/@-]+$/.test(value) ? value : code(value));
  const name = view.field('proc.name');
  const cmdline = view.field('proc.cmdline');
  const parent = view.field('proc.pname');
  if (name && cmdline) {
    sentences.push(
      pick(random, [
        `The process ${show(name)} ran the command line ${code(cmdline)}.`,
        `A process named ${show(name)} executed ${code(cmdline)}.`,
        `The offending process was ${show(name)}, with the command line ${code(cmdline)}.`,
        `**Process:** ${code(name)} — **Command line:** ${code(cmdline)}`,
        `The alert was triggered by ${code(name)}, which ran ${code(cmdline)}.`,
      ]),
    );
  } else if (cmdline) {
    sentences.push(`The command line recorded by Falco is ${code(cmdline)}.`);
  } else if (name) {
    sentences.push(`The process involved was ${show(name)}.`);
  }
  if (parent) {
    sentences.push(
      pick(random, [
        `It was spawned by the parent process ${show(parent)}.`,
        `Its parent process was ${show(parent)}.`,
        `The parent process is ${show(parent)}.`,
        `${code(parent)} spawned the flagged process.`,
      ]),
    );
  }
  const exe = view.field('proc.exepath');
  if (exe) sentences.push(`The executable path was ${code(exe)}.`);
  const pid = view.field('proc.pid');
  const ppid = view.field('proc.ppid');
  if (pid) sentences.push(`Falco recorded the process ID (PID) ${pid}.`);
  if (ppid) sentences.push(`The parent PID was ${ppid}.`);
  const user = view.role('user');
  if (user) {
    sentences.push(
      pick(random, [
        `It ran as user ${code(user)}.`,
        `The activity was performed by the user ${show(user)}.`,
        `The account involved was ${code(user)}.`,
      ]),
    );
  }
  const uid = view.field('user.uid');
  if (uid)
    sentences.push(pick(random, [`The user ID (UID) was ${uid}.`, `The process ran with UID ${uid}.`]));
  const loginuid = view.field('user.loginuid');
  if (loginuid) sentences.push(`The login UID recorded for the session is ${loginuid}.`);
  const tty = view.field('proc.tty');
  if (tty && tty !== '0') sentences.push(`The terminal number was ${tty}.`);
  const containerId = view.field('container.id');
  const containerName = view.field('container.name');
  if (containerId && containerId !== 'host') {
    sentences.push(
      containerName
        ? `This happened inside the container ${code(containerName)} (container ID ${code(containerId)}).`
        : `This happened inside the container with ID ${code(containerId)}.`,
    );
  } else if (containerId === 'host') {
    sentences.push('The process ran directly on the host, not in a container.');
  }
  const repository = view.field('container.image.repository') ?? view.field('container.image');
  const tag = view.field('container.image.tag');
  if (repository) {
    sentences.push(
      tag
        ? pick(random, [
            `The container image was ${code(`${repository}:${tag}`)}.`,
            `The container runs the image ${code(repository)} with tag ${code(tag)}.`,
          ])
        : `The container image was ${code(repository)}.`,
    );
  }
  const cwd = view.field('proc.cwd');
  if (cwd) sentences.push(`The working directory was ${code(cwd)}.`);
  const file = view.field('fd.name');
  if (file && isPath(file)) sentences.push(`The file involved was ${code(file)}.`);
  else if (file) sentences.push(`Falco recorded the connection ${code(file)}.`);
  const namespace = view.field('k8s.ns.name') ?? view.field('ka.target.namespace');
  const pod = view.field('k8s.pod.name');
  if (pod && namespace)
    sentences.push(`The Kubernetes pod was ${code(pod)} in the namespace ${code(namespace)}.`);
  else if (namespace) sentences.push(`The Kubernetes namespace was ${code(namespace)}.`);
  const eventType = view.field('evt.type');
  if (eventType) sentences.push(`The system call was ${code(eventType)}.`);
  return sentences;
};

const summary = (view: AlertView, random: Random, style: number): string[] => {
  const alert = view.table.alert;
  const severity = pick(random, severityWords(alert.priority));
  const where = alert.hostname ? ` on host ${code(alert.hostname)}` : '';
  const when = view.time ? ` at ${formatTime(view.time, style)}` : '';
  const sentences = [
    pick(random, [
      `Falco raised an alert with ${severity} for the rule "${alert.rule}"${where}${when}.`,
      `The Falco rule \`${alert.rule}\` fired with ${severity}${where}${when}.`,
    ]),
  ];
  if (view.time && random() < 0.3) {
    const date = view.time;
    const month = date.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    sentences.push(`The alert was generated on ${month} ${date.getUTCDate()}, ${date.getUTCFullYear()}.`);
  }
  for (const technique of view.table.mitre) {
    sentences.push(
      technique.name
        ? `The rule maps to MITRE ATT&CK technique ${technique.id} (${technique.name}).`
        : `The rule is tagged with MITRE ATT&CK technique ${technique.id}.`,
    );
  }
  return sentences;
};

const recommendations = (view: AlertView, random: Random): string[] => {
  const items: string[] = [];
  const containerId = view.field('container.id');
  if (containerId && containerId !== 'host')
    items.push(`Isolate the container ${code(containerId)} and preserve it for forensics.`);
  const user = view.role('user');
  if (user) items.push(`Review recent activity of the account ${code(user)}.`);
  const host = view.table.alert.hostname;
  if (host) items.push(`Collect the other Falco events from ${code(host)} around the same time.`);
  items.push(pick(random, GENERIC_ADVICE), pick(random, GENERIC_ADVICE));
  return [...new Set(items)];
};

export interface TruthfulReport {
  markdown: string;
  style: string;
}

/** One paraphrase in one of four layouts (prose, bullets, table, terse), chosen by `variant`. */
export const truthfulParaphrase = (view: AlertView, variant: number, random: Random): TruthfulReport => {
  const layout = variant % 4;
  const top = summary(view, random, variant);
  const facts = whatHappened(view, random, layout === 3);
  const analysis = [pick(random, GENERIC_ANALYSIS), pick(random, GENERIC_ANALYSIS)];
  const advice = recommendations(view, random);
  const numbered = advice.map((item, index) => `${index + 1}. ${item}`).join('\n');
  const bulleted = advice.map((item) => `- ${item}`).join('\n');
  switch (layout) {
    case 0:
      return {
        style: 'prose',
        markdown: `## Summary\n\n${top.join(' ')}\n\n## What happened\n\n${facts.join(' ')}\n\n## Likely attack path\n\n${[...new Set(analysis)].join(' ')}\n\n## Recommendations\n\n${numbered}\n`,
      };
    case 1:
      return {
        style: 'bullets',
        markdown: `**Summary**\n-----------\n\n${top.join(' ')}\n\n**Details**\n-----------\n\n${facts.map((sentence) => `*   ${sentence}`).join('\n')}\n\n**Recommendations**\n-------------------\n\n${bulleted}\n`,
      };
    case 2: {
      const alert = view.table.alert;
      const rows = [
        ['Rule', alert.rule],
        ['Priority', alert.priority],
        ...(alert.hostname ? [['Host', alert.hostname]] : []),
        ...(view.field('proc.name') ? [['Process', view.field('proc.name')!]] : []),
        ...(view.field('proc.pname') ? [['Parent process', view.field('proc.pname')!]] : []),
        ...(view.role('user') ? [['User', view.role('user')!]] : []),
      ];
      const table = [
        '| Field | Value |',
        '|---|---|',
        ...rows.map(([label, value]) => `| ${label} | ${code(value!)} |`),
      ];
      return {
        style: 'table',
        markdown: `# Incident report\n\n${top.join(' ')}\n\n${table.join('\n')}\n\n## Analysis\n\n${facts.join(' ')} ${analysis[0]}\n\n## Next steps\n\n${bulleted}\n`,
      };
    }
    default:
      return {
        style: 'terse',
        markdown: `### Summary\n${top.join(' ')}\n\n### Facts\n${facts.join('\n')}\n\n### Actions\n${numbered}\n`,
      };
  }
};
