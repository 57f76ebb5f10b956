import type { Alert } from '../ingest/alert.js';
import { alertFieldText, alertImageText } from './alert-field-text.js';

/** A key field a group tracks distinct counts and top values of. */
export interface GroupDimension {
  id: string;
  label: string;
  extract(alert: Alert): string | undefined;
}

const field =
  (...keys: string[]) =>
  (alert: Alert): string | undefined => {
    for (const key of keys) {
      const text = alertFieldText(alert, key);
      if (text !== undefined) return text;
    }
    return undefined;
  };

const remoteAddress = (alert: Alert): string | undefined => {
  const ip = alertFieldText(alert, 'fd.rip');
  if (ip !== undefined) {
    const port = alertFieldText(alert, 'fd.rport');
    return port === undefined ? ip : `${ip}:${port}`;
  }
  // Connection fd names read `local->remote`.
  const name = alertFieldText(alert, 'fd.name');
  const arrow = name?.indexOf('->') ?? -1;
  return name !== undefined && arrow >= 0 ? name.slice(arrow + 2) : undefined;
};

const filePath = (alert: Alert): string | undefined => {
  const path = alertFieldText(alert, 'fs.path.name') ?? alertFieldText(alert, 'fd.filename');
  if (path !== undefined) return path;
  const name = alertFieldText(alert, 'fd.name');
  return name?.startsWith('/') ? name : undefined;
};

const container = (alert: Alert): string | undefined => {
  const name = field('container.name', 'container.id')(alert);
  return name === 'host' ? undefined : name;
};

/** The fields issue 4 asks for, plus rule, host and image for groupings that do not key on them. */
export const GROUP_DIMENSIONS: readonly GroupDimension[] = [
  { id: 'rule', label: 'Rules', extract: (alert) => alert.rule },
  { id: 'host', label: 'Hosts', extract: field('hostname') },
  { id: 'image', label: 'Images', extract: alertImageText },
  { id: 'cmdline', label: 'Command lines', extract: field('proc.cmdline') },
  { id: 'process', label: 'Processes', extract: field('proc.name') },
  { id: 'parent', label: 'Parent processes', extract: field('proc.pname') },
  { id: 'user', label: 'Users', extract: field('user.name') },
  { id: 'container', label: 'Containers', extract: container },
  { id: 'pod', label: 'Pods', extract: field('k8s.pod.name') },
  { id: 'file', label: 'Files', extract: filePath },
  { id: 'remote', label: 'Remote addresses', extract: remoteAddress },
];
