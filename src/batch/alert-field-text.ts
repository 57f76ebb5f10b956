import type { Alert, FieldValue } from '../ingest/alert.js';

/** Top-level alert keys `--group-by`, filters and aggregates may name, besides any output field. */
export const TOP_LEVEL_KEYS = ['rule', 'priority', 'hostname', 'source', 'tags'] as const;

const fieldValueText = (value: FieldValue | undefined): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const parts = value.map(fieldValueText).filter((part) => part !== undefined);
    return parts.length === 0 ? undefined : parts.join(',');
  }
  const text = String(value);
  return text === '' || text === '<NA>' ? undefined : text;
};

/**
 * The text of a top-level key (`rule`, `priority`, `hostname` or its alias `host`, `source`,
 * `tags`) or an output field (`k8s.ns.name`, `proc.aname[2]`); undefined when absent, empty or `<NA>`.
 */
export const alertFieldText = (alert: Alert, key: string): string | undefined => {
  switch (key) {
    case 'rule':
      return alert.rule;
    case 'priority':
      return alert.priority;
    case 'hostname':
    case 'host':
      return alert.hostname || fieldValueText(alert.outputFields['evt.hostname']);
    case 'source':
      return alert.source || fieldValueText(alert.outputFields['evt.source']);
    case 'tags':
      return alert.tags.length === 0 ? undefined : alert.tags.join(',');
    default:
      return fieldValueText(alert.outputFields[key]);
  }
};

/**
 * The image an alert ran in: repository and tag when Falco gave them, or `host` for host
 * processes (`container.id` of `host` or empty, or no container fields at all).
 */
export const alertImageText = (alert: Alert): string => {
  const fields = alert.outputFields;
  const repository = fieldValueText(fields['container.image.repository']);
  if (repository !== undefined) {
    const tag = fieldValueText(fields['container.image.tag']);
    return tag === undefined ? repository : `${repository}:${tag}`;
  }
  const image = fieldValueText(fields['container.image']);
  if (image !== undefined) return image;
  const containerId = fieldValueText(fields['container.id']);
  return containerId === undefined || containerId === 'host' ? 'host' : `container ${containerId}`;
};
