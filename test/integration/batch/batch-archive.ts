import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * A small archive as Falco writes them: JSON Lines with Falco's own log lines mixed in and two
 * invalid alerts. Three groups under the default grouping (rule + host + image):
 * - fileless execution on mini-debian-lab in python:3.12-slim, 5 Critical alerts;
 * - terminal shell on web-1 in nginx:1.25 (namespace prod), 3 Notice alerts;
 * - sensitive file read on web-2 on the host (namespace absent), 2 Warning alerts.
 */
const fileless = (minute: number, pid: number): object => ({
  hostname: 'mini-debian-lab',
  output: `14:0${minute}:11.482117230: Critical Fileless execution via memfd_create (process=3 command=3 -c 10.13.37.7:4444)`,
  output_fields: {
    'container.id': 'c61b4b13ae44',
    'container.image.repository': 'python',
    'container.image.tag': '3.12-slim',
    'container.name': 'lab-runner',
    'evt.time': 1764511331482117230n,
    'proc.cmdline': `3 -c 10.13.37.7:${4444 + (minute % 2)}`,
    'proc.name': '3',
    'proc.pid': pid,
    'proc.pname': 'python3',
    'user.name': 'root',
  },
  priority: 'Critical',
  rule: 'Fileless execution via memfd_create',
  source: 'syscall',
  tags: ['T1620', 'mitre_defense_evasion'],
  time: `2025-11-30T14:0${minute}:11.482117230Z`,
});

const shell = (second: number): object => ({
  hostname: 'web-1',
  output: 'A shell was spawned in a container with an attached terminal',
  output_fields: {
    'container.id': 'ee97d9c4186f',
    'container.image.repository': 'nginx',
    'container.image.tag': '1.25',
    'k8s.ns.name': 'prod',
    'k8s.pod.name': `web-${second}`,
    'proc.cmdline': 'sh -c clear; (bash || ash || sh)',
    'proc.name': 'sh',
    'user.name': 'root',
  },
  priority: 'Notice',
  rule: 'Terminal shell in container',
  source: 'syscall',
  tags: ['container', 'mitre_execution', 'shell'],
  time: `2025-11-30T15:00:${String(second).padStart(2, '0')}.000000000Z`,
});

const sensitive = (hour: number): object => ({
  hostname: 'web-2',
  output: 'Sensitive file opened for reading by non-trusted program',
  output_fields: {
    'container.id': 'host',
    'fd.name': '/etc/shadow',
    'proc.cmdline': 'cat /etc/shadow',
    'proc.name': 'cat',
    'user.name': 'admin',
  },
  priority: 'Warning',
  rule: 'Read sensitive file untrusted',
  source: 'syscall',
  tags: ['filesystem', 'mitre_credential_access'],
  time: `2025-11-29T${String(hour).padStart(2, '0')}:30:00.000000000Z`,
});

/** JSON with the nanosecond integers written out exactly, as Falco does. */
const line = (value: object): string =>
  JSON.stringify(value, (_key, inner) => (typeof inner === 'bigint' ? `__big__${inner}` : inner)).replace(
    /"__big__(\d+)"/g,
    '$1',
  );

export const ARCHIVE_COUNTS = { alerts: 10, skipped: 2, invalid: 2, groups: 3 } as const;

export const archiveLines = (): string[] => [
  'Sat Nov 29 09:00:00 2025: Falco version: 0.39.2 (x86_64)',
  line(sensitive(9)),
  line(fileless(0, 101)),
  line(fileless(1, 102)),
  '{"priority":"Critical","time":"2025-11-30T14:05:00Z","output":"no rule"}',
  line(shell(1)),
  line(fileless(2, 103)),
  'Sat Nov 29 09:00:01 2025: Loading rules from file /etc/falco/falco_rules.yaml',
  line(shell(2)),
  line(fileless(3, 104)),
  '{"rule":"Odd","priority":"Urgent","time":"2025-11-30T14:06:00Z"}',
  line(sensitive(10)),
  line(fileless(4, 105)),
  line(shell(3)),
];

/** Writes the archive gzipped into a fresh temp folder; returns the folder and the archive path. */
export const writeGzippedArchive = (name = 'falco-events.log.gz'): { dir: string; archive: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'falco-batch-'));
  const archive = join(dir, name);
  writeFileSync(archive, gzipSync(`${archiveLines().join('\n')}\n`));
  return { dir, archive };
};
