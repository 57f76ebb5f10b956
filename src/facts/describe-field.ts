import type { FieldValue } from '../ingest/alert.js';
import type { FactRole } from './fact.js';

export interface FieldDescription {
  role: FactRole;
  label: string;
}

const EXACT: ReadonlyMap<string, FieldDescription> = new Map(
  (
    [
      ['rule', 'rule', 'Rule'],
      ['priority', 'priority', 'Priority'],
      ['time', 'time', 'Time'],
      ['hostname', 'host', 'Host'],
      ['source', 'source', 'Event source'],
      ['evt.hostname', 'host', 'Host'],
      ['evt.source', 'source', 'Event source'],
      ['evt.type', 'event-type', 'Event type'],
      ['evt.res', 'syscall-result', 'Syscall result'],
      ['evt.time', 'time', 'Event time (ns)'],
      ['evt.time.iso8601', 'time', 'Event time'],
      ['evt.time.s', 'time', 'Event time'],
      ['evt.datetime', 'time', 'Event time'],
      ['evt.rawtime', 'time', 'Event time (ns)'],
      ['jevt.time', 'time', 'Event time'],
      ['jevt.time.iso8601', 'time', 'Event time'],
      ['evt.args', 'other', 'Event arguments'],
      ['evt.arg.flags', 'other', 'Event flags'],
      ['evt.arg.uid', 'uid', 'Target user ID'],
      ['proc.pid', 'pid', 'Process ID'],
      ['proc.vpid', 'pid', 'Process ID (in container)'],
      ['thread.tid', 'pid', 'Thread ID'],
      ['proc.ppid', 'ppid', 'Parent process ID'],
      ['proc.vppid', 'ppid', 'Parent process ID (in container)'],
      ['proc.name', 'process-name', 'Process'],
      ['proc.pname', 'parent-name', 'Parent process'],
      ['proc.aname', 'ancestor-name', 'Ancestor process'],
      ['proc.sname', 'session-leader-name', 'Session leader'],
      ['proc.cmdline', 'cmdline', 'Command line'],
      ['proc.pcmdline', 'parent-cmdline', 'Parent command line'],
      ['proc.exepath', 'exe-path', 'Executable path'],
      ['proc.exe', 'exe-path', 'Executable (as invoked)'],
      ['proc.pexepath', 'other', 'Parent executable path'],
      ['proc.pexe', 'other', 'Parent executable (as invoked)'],
      ['proc.args', 'other', 'Arguments'],
      ['proc.cwd', 'cwd', 'Working directory'],
      ['proc.tty', 'tty', 'Terminal (tty)'],
      ['user.uid', 'uid', 'User ID'],
      ['user.loginuid', 'loginuid', 'Login user ID'],
      ['user.name', 'user', 'User'],
      ['user.loginname', 'login-user', 'Login user'],
      ['group.gid', 'gid', 'Group ID'],
      ['group.name', 'group', 'Group'],
      ['container.id', 'container-id', 'Container ID'],
      ['container.name', 'container-name', 'Container name'],
      ['container.image', 'image', 'Image'],
      ['container.image.repository', 'image', 'Image'],
      ['container.image.tag', 'image-tag', 'Image tag'],
      ['container.image.digest', 'image-digest', 'Image digest'],
      ['container.start_ts', 'other', 'Container start time (ns)'],
      ['container.privileged', 'other', 'Privileged container'],
      ['k8s.ns.name', 'k8s-namespace', 'Kubernetes namespace'],
      ['k8s.pod.name', 'k8s-pod', 'Kubernetes pod'],
      ['k8s.deployment.name', 'k8s-resource', 'Kubernetes deployment'],
      ['fd.filename', 'path', 'File name'],
      ['fd.directory', 'path', 'Directory'],
      ['fd.nameraw', 'path', 'File'],
      ['fd.sip', 'ip', 'Server IP'],
      ['fd.cip', 'ip', 'Client IP'],
      ['fd.rip', 'ip', 'Remote IP'],
      ['fd.lip', 'ip', 'Local IP'],
      ['fd.sport', 'port', 'Server port'],
      ['fd.cport', 'port', 'Client port'],
      ['fd.rport', 'port', 'Remote port'],
      ['fd.lport', 'port', 'Local port'],
      ['fd.l4proto', 'protocol', 'Protocol'],
      ['fd.num', 'other', 'File descriptor number'],
      ['fd.type', 'other', 'File descriptor type'],
      ['ka.user.name', 'user', 'Kubernetes user'],
      ['ka.sourceips', 'ip', 'Source IPs'],
      ['ka.target.namespace', 'k8s-namespace', 'Target namespace'],
      ['ka.target.name', 'k8s-resource', 'Target name'],
      ['ka.target.resource', 'k8s-resource', 'Target resource'],
      ['ka.target.subresource', 'k8s-resource', 'Target subresource'],
      ['ka.verb', 'other', 'API verb'],
      ['ka.uri', 'other', 'Request URI'],
      ['ka.useragent', 'other', 'User agent'],
      ['ka.auth.decision', 'other', 'Authorization decision'],
      ['ka.auth.reason', 'other', 'Authorization reason'],
      ['ka.response.code', 'response-code', 'Response code'],
      ['ka.req.pod.containers.image', 'image', 'Requested container image'],
      ['ct.user', 'user', 'AWS user'],
      ['ct.user.accountid', 'cloud-account', 'AWS account'],
      ['ct.user.identitytype', 'other', 'AWS identity type'],
      ['ct.region', 'cloud-region', 'AWS region'],
      ['ct.srcip', 'ip', 'Source IP'],
      ['ct.name', 'other', 'CloudTrail event'],
      ['ct.id', 'other', 'CloudTrail event ID'],
      ['ct.useragent', 'other', 'User agent'],
      ['s3.bucket', 'cloud-resource', 'S3 bucket'],
      ['okta.actor.name', 'user', 'Okta user'],
      ['okta.actor.alternateid', 'login-user', 'Okta login'],
      ['okta.client.ip', 'ip', 'Client IP'],
      ['okta.app', 'cloud-resource', 'Okta app'],
      ['okta.target.app.alternateid', 'cloud-resource', 'Target app'],
      ['okta.evt.type', 'other', 'Okta event type'],
      ['gcp.user', 'user', 'GCP user'],
      ['gcp.callerIP', 'ip', 'Caller IP'],
      ['gcp.projectId', 'cloud-account', 'GCP project'],
      ['gcp.location', 'cloud-region', 'GCP location'],
      ['gcp.resourceName', 'cloud-resource', 'GCP resource'],
      ['gcp.storage.bucket', 'cloud-resource', 'Storage bucket'],
      ['gcp.methodName', 'other', 'GCP method'],
      ['gcp.serviceName', 'other', 'GCP service'],
      ['gcp.userAgent', 'other', 'User agent'],
      ['al.principal.ip', 'ip', 'Principal IP'],
      ['github.user', 'user', 'GitHub user'],
      ['github.repo', 'cloud-resource', 'GitHub repository'],
      ['github.org', 'cloud-account', 'GitHub organization'],
    ] as const
  ).map(([field, role, label]): [string, FieldDescription] => [field, { role, label }]),
);

const PATH_FIELDS = new Set([
  'evt.arg.path',
  'evt.arg.name',
  'evt.arg.oldpath',
  'evt.arg.newpath',
  'evt.arg.target',
  'evt.arg.linkpath',
  'evt.arg.filename',
  'evt.arg.pathname',
]);

const INDEXED = /^([a-z0-9_.]+)\[(\d+)\]$/;

const ordinalAncestor = (level: number): string =>
  level === 2 ? 'Grandparent process' : `Ancestor process (${level} levels up)`;

/**
 * The role and label of a field. `fd.name` depends on its value: a file path, or a socket
 * tuple (`10.0.0.1:4444->10.0.0.2:80`) that is neither a path nor a single address.
 */
export const describeField = (field: string, raw: FieldValue): FieldDescription => {
  const name = field.trim();
  const exact = EXACT.get(name);
  if (exact !== undefined) return exact;
  if (name === 'fd.name') {
    return typeof raw === 'string' && raw.includes('->')
      ? { role: 'fd-name', label: 'Connection' }
      : { role: 'path', label: 'File' };
  }
  if (PATH_FIELDS.has(name)) return { role: 'path', label: `Path (${name.slice('evt.arg.'.length)})` };
  if (name.startsWith('fs.path.')) return { role: 'path', label: `Path (${name.slice('fs.path.'.length)})` };
  const indexed = INDEXED.exec(name);
  if (indexed?.[1] === 'proc.aname') {
    const level = Number(indexed[2]);
    return level === 1
      ? { role: 'parent-name', label: 'Parent process' }
      : { role: 'ancestor-name', label: ordinalAncestor(level) };
  }
  if (indexed?.[1] === 'proc.apid') {
    return Number(indexed[2]) === 1
      ? { role: 'ppid', label: 'Parent process ID' }
      : { role: 'other', label: `Ancestor process ID (${indexed[2]} levels up)` };
  }
  if (name.startsWith('ka.target.')) return { role: 'k8s-resource', label: name };
  if (name.startsWith('ct.request.') || name.startsWith('ct.response.')) {
    return { role: 'cloud-resource', label: name };
  }
  return { role: 'other', label: name };
};
