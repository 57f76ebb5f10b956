import { describe, expect, it } from 'vitest';
import { checkSentence } from '../../../src/check/check-text.js';
import { isFlagged } from '../../../src/check/finding.js';
import { factsOf, loadFixtureFacts, SEED_ALERT } from './load-fixture-facts.js';

const seed = loadFixtureFacts(SEED_ALERT);

/** A host process alert with a PID, PPID, a connection and a UID that differs from the loginuid. */
const connection = factsOf({
  rule: 'Outbound Connection to C2 Servers',
  priority: 'Warning',
  time: '2025-03-04T10:20:30.123456789Z',
  hostname: 'web-1',
  output: '11:20:30.123456789: Warning outbound connection',
  output_fields: {
    'proc.pid': 4242,
    'proc.ppid': 4200,
    'proc.name': 'curl',
    'proc.pname': 'bash',
    'proc.cmdline': 'curl -s http://203.0.113.9/x',
    'fd.rip': '203.0.113.9',
    'fd.rport': 443,
    'user.uid': 1000,
    'user.loginuid': 1001,
    'user.name': 'alice',
    'container.id': 'host',
  },
  tags: ['T1071', 'network', 'mitre_command_and_control'],
});

const verdicts = (sentence: string, facts = seed) =>
  checkSentence(sentence, facts).map((finding) => [finding.kind, finding.verdict, finding.claim]);

const flagged = (sentence: string, facts = seed) => checkSentence(sentence, facts).filter(isFlagged);

describe('role confusion', () => {
  it('flags a process name called a PID and a terminal called a parent PID', () => {
    expect(verdicts('The process ID (PID) involved is 3, with the parent PID being 34816.')).toEqual([
      ['pid', 'contradicted', 'PID 3'],
      ['ppid', 'contradicted', 'parent PID 34816'],
    ]);
  });

  it('flags pid/ppid swapped and uid/loginuid confused, naming the field that holds the value', () => {
    const [pid] = flagged('The PID was 4200.', connection);
    expect(pid).toMatchObject({ verdict: 'contradicted', expected: '4242', field: 'proc.pid' });
    expect(pid?.reason).toContain('4200 is proc.ppid');
    expect(flagged('It ran with UID 1001.', connection)[0]).toMatchObject({
      verdict: 'contradicted',
      expected: '1000',
    });
    expect(flagged('The login UID was 1000.', connection)[0]).toMatchObject({ expected: '1001' });
  });

  it('flags a port called a PID', () => {
    expect(flagged('The process (pid=443) connected out.', connection)[0]).toMatchObject({
      kind: 'pid',
      verdict: 'contradicted',
    });
  });

  it('flags the parent named as the process and the process named as the parent', () => {
    expect(flagged('Its parent process was `3`.')[0]).toMatchObject({
      kind: 'parent-name',
      verdict: 'contradicted',
      expected: 'python3',
    });
    expect(flagged('The process name was `python3`.')[0]).toMatchObject({
      kind: 'process-name',
      verdict: 'contradicted',
    });
  });

  it('reads "the parent of this process" as the parent, and numeric process names after a parent cue', () => {
    expect(flagged('The parent of this process, `python3`, deserves a closer look.')).toEqual([]);
    expect(flagged('It was spawned by 3.')[0]).toMatchObject({
      kind: 'parent-name',
      verdict: 'contradicted',
      expected: 'python3',
    });
  });

  it('supports the same values in their own roles', () => {
    expect(
      flagged('The process `3` (process name) ran `3 -c 10.13.37.7:4444`; its parent process was `python3`.'),
    ).toEqual([]);
    expect(
      flagged(
        'The PID was 4242 and the PPID 4200; it connected to 203.0.113.9 on port 443 as user alice.',
        connection,
      ),
    ).toEqual([]);
  });
});

describe('fabricated and wrong values', () => {
  it('calls values the alert does not hold unsupported', () => {
    expect(verdicts('It connected to 198.51.100.23 from /var/tmp/kdevtmpfsi.')).toEqual([
      ['ip', 'unsupported', '198.51.100.23'],
      ['path', 'unsupported', '/var/tmp/kdevtmpfsi'],
    ]);
    expect(flagged('The PID was 31337.')[0]).toMatchObject({ kind: 'pid', verdict: 'unsupported' });
  });

  it('contradicts a wrong host, user, image, container id and port', () => {
    expect(flagged('It happened on host `prod-web-01`.')[0]).toMatchObject({
      verdict: 'contradicted',
      expected: 'mini-debian-lab',
    });
    expect(flagged('It ran as user `admin`.')[0]).toMatchObject({
      verdict: 'contradicted',
      expected: 'root',
    });
    expect(flagged('The container image was `nginx:1.25`.')[0]).toMatchObject({
      kind: 'image',
      verdict: 'contradicted',
    });
    expect(flagged('Isolate container `0123456789ab` now.')[0]).toMatchObject({
      kind: 'container-id',
      verdict: 'contradicted',
    });
    expect(flagged('It talked to port 8443.', connection)[0]).toMatchObject({
      kind: 'port',
      verdict: 'contradicted',
      expected: '443',
    });
  });

  it('reads a container label list ("Container details: name x, ID y")', () => {
    expect(flagged('Container details: name `lab-runner`, ID `c61b4b13ae44`.')).toEqual([]);
    expect(flagged('Container details: name `evil-box`, ID `c61b4b13ae44`.')[0]).toMatchObject({
      kind: 'container-name',
      verdict: 'contradicted',
      expected: 'lab-runner',
    });
  });

  it('reads a backticked repo:version as an image reference', () => {
    expect(flagged('Image in use: `busybox:1.36`')[0]).toMatchObject({
      kind: 'image',
      verdict: 'contradicted',
    });
    expect(flagged('Image in use: `python:3.12-slim`')).toEqual([]);
    expect(flagged('See `key:value` and `system:serviceaccount:a:b`.')).toEqual([]);
  });

  it('finds IPs and ports inside the command line', () => {
    expect(flagged('It reached 10.13.37.7 on port 4444 (10.13.37.7:4444).')).toEqual([]);
    expect(flagged('It reached 10.13.37.7:5555.')[0]).toMatchObject({
      kind: 'ip-port',
      verdict: 'contradicted',
    });
  });

  it('checks MITRE technique ids against the tags', () => {
    expect(flagged('This is MITRE ATT&CK T1620 (Reflective Code Loading).')).toEqual([]);
    expect(flagged('This maps to T1059.004.')[0]).toMatchObject({
      verdict: 'contradicted',
      expected: 'T1620',
    });
  });

  it('checks technique names against the id next to them and the alert', () => {
    expect(flagged('MITRE ATT&CK T1620 (Process Injection) applies.')[0]).toMatchObject({
      kind: 'mitre-technique',
      verdict: 'contradicted',
      claim: 'T1620 (Process Injection)',
    });
    expect(flagged('The MITRE technique is Process Injection.')[0]?.reason).toContain('is MITRE T1055');
  });
});

describe('ids Falco does not have and rule names in running text', () => {
  it('calls an event id unsupported', () => {
    expect(flagged('The event ID is 8812345.')[0]).toMatchObject({
      kind: 'event-id',
      verdict: 'unsupported',
    });
  });

  it('takes the rule name written out as the rule, not as words with cues', () => {
    const k8s = factsOf({
      rule: 'Disallowed K8s User',
      priority: 'Warning',
      tags: ['k8s'],
      output_fields: { 'ka.user.name': 'yacht' },
    });
    expect(flagged('The rule **Disallowed K8s User** was triggered by the user `yacht`.', k8s)).toEqual([]);
    const spawned = factsOf({
      rule: 'Container Spawned',
      priority: 'Informational',
      output_fields: { 'container.name': 'hellofalco' },
    });
    expect(
      flagged('Falco reports an informational Container Spawned event for `hellofalco`.', spawned),
    ).toEqual([]);
  });
});

describe('times and dates', () => {
  it('matches a time written to the second, the minute or with nanoseconds, in UTC', () => {
    for (const sentence of [
      'It fired at 14:02:11 UTC on November 30, 2025.',
      'It fired at 2025-11-30T14:02:11Z.',
      'It fired on 30 November 2025 at 14:02 UTC.',
      'It fired at 2025-11-30T14:02:11.482117230Z.',
      'It fired at 2025-11-30 15:02:11 CET.',
      'It fired at 2025-11-30T16:02:11+02:00.',
    ]) {
      expect(flagged(sentence), sentence).toEqual([]);
    }
  });

  it('accepts the local clock Falco printed in the output when no zone is written', () => {
    expect(flagged('The event happened at 11:20:30.', connection)).toEqual([]);
    expect(flagged('The event happened at 11:20:30 UTC.', connection)[0]).toMatchObject({
      kind: 'time',
      verdict: 'contradicted',
    });
  });

  it('contradicts a wrong hour, day or zone', () => {
    expect(flagged('It fired at 15:02:11 UTC.')[0]).toMatchObject({ kind: 'time', verdict: 'contradicted' });
    expect(flagged('It fired on November 29, 2025.')[0]).toMatchObject({
      kind: 'date',
      verdict: 'contradicted',
    });
    expect(flagged('It fired at 2025-11-30T14:02:11+02:00.')[0]?.verdict).toBe('contradicted');
  });
});

describe('severity words', () => {
  it('maps Falco priorities exactly and common words to a band', () => {
    expect(flagged('This is a critical alert with high severity.')).toEqual([]);
    expect(flagged('Falco assigned it Warning priority.')[0]).toMatchObject({
      kind: 'priority',
      expected: 'Critical',
    });
    expect(flagged('This is a low severity alert.')[0]?.verdict).toBe('contradicted');
    expect(flagged('This alert has medium severity.', connection)).toEqual([]);
    expect(flagged('This is a critical alert.', connection)[0]).toMatchObject({
      verdict: 'contradicted',
      expected: 'Warning',
    });
  });

  it('leaves generic uses of the words alone', () => {
    expect(verdicts('It is critical to patch critical systems; this is a high-level overview.')).toEqual([]);
  });

  it('reads a rating verb with its object ("classified this as a Warning") but not "flagged this alert"', () => {
    expect(flagged('Falco classified this as a Warning.')[0]).toMatchObject({
      kind: 'priority',
      verdict: 'contradicted',
      expected: 'Critical',
    });
    expect(flagged('Falco rated this event Warning.')[0]?.verdict).toBe('contradicted');
    expect(flagged('Falco rated this event Critical.')).toEqual([]);
    expect(flagged('Falco flagged this alert because a binary ran from memory.')).toEqual([]);
    expect(flagged('Falco flagged an error in the configuration.')).toEqual([]);
  });
});

describe('placeholders', () => {
  it('supports a placeholder for a field the alert has, in its role', () => {
    expect(flagged('The parent process {{proc.pname}} ran {{proc.cmdline}}.')).toEqual([]);
  });

  it('contradicts a placeholder given another role and rejects unknown fields', () => {
    expect(flagged('The parent PID was {{proc.tty}}.')[0]).toMatchObject({
      kind: 'placeholder',
      verdict: 'contradicted',
      field: 'proc.tty',
    });
    expect(flagged('The PID was `{{proc.pid}}`.')[0]).toMatchObject({
      kind: 'placeholder',
      verdict: 'unsupported',
    });
  });
});

describe('context, verdicts and product names', () => {
  it('flags Kubernetes claims when the alert has no k8s field, but not advice or negations', () => {
    expect(flagged('This ran in a Kubernetes pod.')[0]).toMatchObject({
      kind: 'k8s-context',
      verdict: 'unsupported',
    });
    expect(flagged('Keep Kubernetes and Docker patched.')).toEqual([]);
    expect(flagged('The alert carries no Kubernetes metadata.')).toEqual([]);
  });

  it('contradicts a container claim when the process ran on the host', () => {
    expect(flagged('The process ran inside a container.', connection)[0]).toMatchObject({
      kind: 'container-id',
      verdict: 'contradicted',
      expected: 'host',
    });
    expect(flagged('The process ran on the host, not inside a container.', connection)).toEqual([]);
    expect(flagged('The process ran inside a container.')).toEqual([]);
  });

  it('flags an unhedged benign verdict', () => {
    expect(
      flagged('This is a false positive and no action is required.').map((finding) => finding.kind),
    ).toEqual(['verdict', 'verdict']);
    expect(flagged('Determine whether this is a false positive before closing it.')).toEqual([]);
    expect(flagged('This is not benign.')).toEqual([]);
    expect(flagged('It may be a false positive if the job is scheduled.')).toEqual([]);
    expect(flagged('Tune the rule to suppress false positives from this job.')).toEqual([]);
    expect(flagged('This alert is benign and can be ignored; there is nothing to investigate.')).toHaveLength(
      2,
    );
  });

  it('calls Falcon invalid unless it is CrowdStrike Falcon', () => {
    expect(flagged('Falcon flagged it; see /var/log/falcon.log.').map((finding) => finding.claim)).toEqual(
      expect.arrayContaining(['Falcon', '/var/log/falcon.log']),
    );
    expect(flagged('Unlike CrowdStrike Falcon, Falco is open source.')).toEqual([]);
  });

  it('calls unknown Falco fields invalid and known ones supported', () => {
    expect(flagged('Use the `proc.is_exe_from_memfd` field.')).toEqual([]);
    expect(flagged('Filter on the `proc.memfd_name` field.')[0]).toMatchObject({
      kind: 'falco-field',
      verdict: 'invalid',
    });
  });
});

describe('advice', () => {
  it('still checks addresses in advice: blocking or trusting a wrong one does harm', () => {
    expect(flagged('Block 198.51.100.23 at the firewall.')[0]).toMatchObject({
      kind: 'ip',
      verdict: 'unsupported',
    });
  });
});

describe('Kubernetes audit wording', () => {
  const audit = factsOf({
    rule: 'K8s Serviceaccount Created',
    priority: 'Informational',
    time: '2023-05-10T14:09:17.699479000Z',
    source: 'k8s_audit',
    output_fields: {
      'ka.target.name': 'default',
      'ka.target.namespace': 'default',
      'ka.target.resource': 'serviceaccounts',
      'ka.user.name': 'system:node:ip-192-168-34-135.ec2.internal',
      'ka.response.code': '201',
      'ka.auth.decision': 'allow',
    },
  });

  it('reads "a service account named default" as the resource, not as the user account', () => {
    expect(flagged('A service account named default was created in the default namespace.', audit)).toEqual(
      [],
    );
    expect(flagged('The request was made by the account named admin.', audit)[0]?.verdict).toBe(
      'contradicted',
    );
  });

  it('checks the response code the sentence gives against the audit event', () => {
    expect(flagged('The API server answered with HTTP status 201.', audit)).toEqual([]);
    expect(flagged('The response code was 403.', audit)[0]).toMatchObject({
      kind: 'response-code',
      verdict: 'contradicted',
      expected: '201',
    });
    expect(flagged('The response code was 403.')[0]?.verdict).toBe('unsupported');
  });

  it('checks the authorization decision the sentence states', () => {
    expect(flagged('The request was allowed by the API server.', audit)).toEqual([]);
    expect(flagged('The request was not denied.', audit)).toEqual([]);
    expect(flagged('The request was denied.', audit)[0]).toMatchObject({
      kind: 'auth-decision',
      verdict: 'contradicted',
      expected: 'allow',
    });
    expect(flagged('The API call was not authorized.', audit)[0]?.verdict).toBe('contradicted');
    // Alerts without an audit decision are left alone: "allowed" is an ordinary word.
    expect(flagged('The request was allowed.')).toEqual([]);
  });
});

describe('no claims in ordinary numbers and words', () => {
  it.each([
    'Repair at most 2 rounds.',
    'Step 1 is to preserve evidence.',
    'Falco 0.41 and later ship this rule.',
    'Respond within 15 minutes; version 2 of the runbook covers it in section 3.1.',
    'Use tools like `watch` or `inotify` on Linux systems.',
    'The process ran directly on the host machine.',
    'Check /etc/passwd and /etc/shadow for changes.',
    'Allow only ports 80 and 443 on this host.',
    // a Falco list named in tuning advice is not the process name, a service account no user account
    'Consider adding the binary to known_memfd_execution_processes only if this is expected.',
  ])('%s', (sentence) => {
    expect(checkSentence(sentence, seed).filter(isFlagged)).toEqual([]);
  });
});
