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
