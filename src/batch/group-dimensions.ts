import type { Alert, FieldValue } from '../ingest/alert.js';
import { alertFieldText, alertImageText } from './alert-field-text.js';

/** A key field a group tracks distinct counts and top values of. */
export interface GroupDimension {
  id: string;
  label: string;
  extract(alert: Alert): string | undefined;
}

/**
 * The text of an output field, on the per-alert hot path: strings (nearly every value) are
 * returned as they are; everything else goes through the general conversion.
 */
const outputText = (alert: Alert, key: string): string | undefined => {
  const value: FieldValue | undefined = alert.outputFields[key];
  if (typeof value === 'string') return value === '' || value === '<NA>' ? undefined : value;
  return value === undefined || value === null ? undefined : alertFieldText(alert, key);
};

const ruleName = (alert: Alert): string | undefined => alert.rule;
const hostName = (alert: Alert): string | undefined => alertFieldText(alert, 'hostname');
const commandLine = (alert: Alert): string | undefined => outputText(alert, 'proc.cmdline');
const processName = (alert: Alert): string | undefined => outputText(alert, 'proc.name');
const parentName = (alert: Alert): string | undefined => outputText(alert, 'proc.pname');
const userName = (alert: Alert): string | undefined => outputText(alert, 'user.name');
const podName = (alert: Alert): string | undefined => outputText(alert, 'k8s.pod.name');

const remoteAddress = (alert: Alert): string | undefined => {
  const ip = outputText(alert, 'fd.rip');
  if (ip !== undefined) {
    const port = outputText(alert, 'fd.rport');
    return port === undefined ? ip : `${ip}:${port}`;
  }
  // Connection fd names read `local->remote`.
  const name = outputText(alert, 'fd.name');
  const arrow = name === undefined ? -1 : name.indexOf('->');
  return name !== undefined && arrow >= 0 ? name.slice(arrow + 2) : undefined;
};

const filePath = (alert: Alert): string | undefined => {
  const path = outputText(alert, 'fs.path.name') ?? outputText(alert, 'fd.filename');
  if (path !== undefined) return path;
  const name = outputText(alert, 'fd.name');
  return name !== undefined && name.charCodeAt(0) === 0x2f ? name : undefined;
};

const container = (alert: Alert): string | undefined => {
  const name = outputText(alert, 'container.name') ?? outputText(alert, 'container.id');
  return name === 'host' ? undefined : name;
};

/** The fields issue 4 asks for, plus rule, host and image for groupings that do not key on them. */
export const GROUP_DIMENSIONS: readonly GroupDimension[] = [
  { id: 'rule', label: 'Rules', extract: ruleName },
  { id: 'host', label: 'Hosts', extract: hostName },
  { id: 'image', label: 'Images', extract: alertImageText },
  { id: 'cmdline', label: 'Command lines', extract: commandLine },
  { id: 'process', label: 'Processes', extract: processName },
  { id: 'parent', label: 'Parent processes', extract: parentName },
  { id: 'user', label: 'Users', extract: userName },
  { id: 'container', label: 'Containers', extract: container },
  { id: 'pod', label: 'Pods', extract: podName },
  { id: 'file', label: 'Files', extract: filePath },
  { id: 'remote', label: 'Remote addresses', extract: remoteAddress },
];

/** What takes a dimension's values; undefined for a dimension the group key fixes. */
export interface DimensionSink {
  add(value: string): void;
}

/** Tracked values are cut to this length so one 10 MB command line cannot blow the memory bound. */
const MAX_VALUE_LENGTH = 1000;

export const truncateValue = (value: string): string =>
  value.length <= MAX_VALUE_LENGTH ? value : `${value.slice(0, MAX_VALUE_LENGTH)}…`;

const feed = (
  sink: DimensionSink | undefined,
  alert: Alert,
  extract: (alert: Alert) => string | undefined,
): void => {
  if (sink === undefined) return;
  const value = extract(alert);
  if (value !== undefined) sink.add(truncateValue(value));
};

/**
 * Feeds one alert's values to the sinks, in GROUP_DIMENSIONS order. Written out call by call (not
 * a loop over the extractors) so each call site sees one function: this runs once per alert.
 */
export const feedDimensions = (alert: Alert, sinks: readonly (DimensionSink | undefined)[]): void => {
  feed(sinks[0], alert, ruleName);
  feed(sinks[1], alert, hostName);
  feed(sinks[2], alert, alertImageText);
  feed(sinks[3], alert, commandLine);
  feed(sinks[4], alert, processName);
  feed(sinks[5], alert, parentName);
  feed(sinks[6], alert, userName);
  feed(sinks[7], alert, container);
  feed(sinks[8], alert, podName);
  feed(sinks[9], alert, filePath);
  feed(sinks[10], alert, remoteAddress);
};
