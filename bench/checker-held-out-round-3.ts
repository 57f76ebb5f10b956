import { type AlertView, formatTime, pick } from './checker-alert-view.js';
import type { Corruption, ErrorClass } from './checker-corruptions.js';

type Random = () => number;

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
