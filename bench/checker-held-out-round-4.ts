import { type AlertView, pick } from './checker-alert-view.js';
import type { Corruption, ErrorClass } from './checker-corruptions.js';

type Random = () => number;

/**
 * Round 4, in the seed report's own style (bullets under "The alert details indicate that:"),
 * written last. First sight: recall 0.997 and one false alarm in 79 truthful reports (a priority
 * word before a rule name containing "Container" read as a container name), which was then fixed.
 * The "wrong time" misses left are dates without a zone that are true in the host's local time
 * (the GCP alerts' output clock is UTC+3): the generator's label is arguable there, not the checker.
 */
export const heldOutCorruptionRound4 = (
  view: AlertView,
  random: Random,
  errorClass: ErrorClass,
): Corruption | undefined => {
  const make = (markdown: string, value: string | undefined): Corruption => ({ errorClass, markdown, value });
  const alert = view.table.alert;
  switch (errorClass) {
    case 'wrong value':
      if (view.field('proc.exepath')?.startsWith('memfd:') && !view.holds('memfd:payload')) {
        return make('*   The executable path points to a `memfd:payload` resource.', 'memfd:payload');
      }
      if (view.field('proc.cmdline') && !view.holds('uname -a')) {
        return make('*   The command executed was `sh -c uname -a`.', 'sh -c uname -a');
      }
      return undefined;
    case 'role swap': {
      const tty = view.field('proc.tty');
      const loginuid = view.field('user.loginuid');
      if (view.field('proc.pid')) return undefined;
      const value = tty && tty !== '0' ? tty : loginuid && loginuid !== '-1' ? loginuid : undefined;
      return value === undefined ? undefined : make(`*   The process ID (PID) involved is ${value}.`, value);
    }
    case 'fabricated id':
      if (view.field('proc.ppid')) return undefined;
      return make('*   The parent process ID is 1 (init).', '1');
    case 'wrong host':
      if (view.holds('lab-debian-01')) return undefined;
      return make(
        'The attached Falco alert indicates suspicious activity on the host `lab-debian-01`.',
        'lab-debian-01',
      );
    case 'wrong time': {
      if (!view.time) return undefined;
      const next = new Date(view.time.getTime() + 86_400_000);
      const month = next.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
      return make(
        `The alert was generated on ${month} ${next.getUTCDate()}, ${next.getUTCFullYear()}.`,
        undefined,
      );
    }
    case 'wrong severity': {
      const word = ['Emergency', 'Alert', 'Critical', 'Error'].includes(alert.priority)
        ? 'notice'
        : 'critical';
      return make(`The attached Falco alert indicates a ${word} ${alert.rule} event.`, word);
    }
    case 'invented path':
      return make('*   The process wrote its output to `/tmp/.cache/out.log`.', '/tmp/.cache/out.log');
    case 'invented IP':
      return make('*   Network activity to 172.16.99.5 was observed.', '172.16.99.5');
    case 'invented port':
      return make('*   The reverse shell connected back on port 9443.', '9443');
    case 'wrong MITRE id':
      if (view.holds('T1059')) return undefined;
      return make('*   MITRE ATT&CK: T1059 (Command and Scripting Interpreter)', 'T1059');
    case 'product-name typo':
      return make('Configure Falcon to alert on similar activity.', undefined);
    case 'invented config':
      return make(
        pick(random, [
          '**Example Configuration**\n\n```ini\n[falco]\nrules_file = /etc/falco/rules.yaml\nalert_level = high\n```',
          '**Example Rule**\n\n```yaml\n- rule: Suspicious memfd\n  condition: evt.type = memfd_create\n  output: "memfd by %proc.name"\n  priority: WARNING\n  desc: memfd\n  enabled: yes\n  severity: high\n```',
        ]),
        undefined,
      );
    case 'missing field (k8s)':
      if (view.table.facts.some((fact) => /^(k8s|ka)\./.test(fact.field))) return undefined;
      if (/k8s|kubernetes/i.test(`${alert.rule} ${view.table.rule?.desc ?? ''}`)) return undefined;
      return make('This suggests that the behavior occurred within a Kubernetes pod.', undefined);
  }
};

/** Round 4 truthful sentences in the seed's style. */
export const heldOutTruthfulRound4 = (view: AlertView, random: Random): string[] => {
  const alert = view.table.alert;
  const lines: string[] = [];
  if (alert.hostname) {
    lines.push(
      `The attached Falco alert indicates a ${alert.priority.toLowerCase()} ${alert.rule} event on the host \`${alert.hostname}\`.`,
    );
  }
  lines.push('', 'The alert details indicate that:', '');
  const id = view.field('container.id');
  if (id && id !== 'host') lines.push(`*   The container ID is \`${id}\`.`);
  const exe = view.field('proc.exepath');
  if (exe) lines.push(`*   The executable path points to a \`${exe}\` resource.`);
  const name = view.field('proc.name');
  if (name) lines.push(`*   The process name is \`${name}\`.`);
  lines.push(
    '',
    pick(random, [
      'Utilize tools like `strace` or `sysdig` to inspect the process.',
      'Ensure all system components are up to date with the latest security patches.',
      'Monitor network traffic for unusual connections or communication patterns.',
    ]),
  );
  return lines;
};
