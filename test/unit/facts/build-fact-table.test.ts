import { describe, expect, it } from 'vitest';
import { buildFactTable } from '../../../src/facts/build-fact-table.js';
import { loadRules } from '../../../src/facts/load-rules.js';
import type { Alert } from '../../../src/ingest/alert.js';
import { loadAlerts } from '../../../src/ingest/load-alerts.js';

const seedAlert = async (): Promise<Alert> => {
  const { records } = await loadAlerts(['fixtures/example-alert.json']);
  const record = records[0];
  if (record === undefined) throw new Error('seed alert missing');
  return record.alert;
};

const minimalAlert = (overrides: Partial<Alert>): Alert => ({
  rule: 'Some rule',
  priority: 'Notice',
  time: undefined,
  timeMs: undefined,
  hostname: undefined,
  source: undefined,
  output: undefined,
  outputFields: {},
  tags: [],
  uuid: undefined,
  message: undefined,
  ...overrides,
});

describe('buildFactTable', () => {
  it('gives the seed alert the roles the seed report got wrong', async () => {
    const table = buildFactTable(await seedAlert());
    const byField = new Map(table.facts.map((fact) => [fact.field, fact]));
    expect(byField.get('proc.name')).toMatchObject({ role: 'process-name', value: '3', label: 'Process' });
    expect(byField.get('proc.tty')).toMatchObject({ role: 'tty', value: '34816' });
    expect(byField.get('proc.pname')).toMatchObject({
      role: 'parent-name',
      value: 'python3',
      label: 'Parent process',
    });
    expect(byField.get('proc.cmdline')).toMatchObject({ role: 'cmdline', label: 'Command line' });
    expect(byField.get('proc.aname[2]')).toMatchObject({ role: 'ancestor-name', value: 'bash' });
    expect(byField.get('user.loginuid')).toMatchObject({ role: 'loginuid', value: '1000' });
    expect(byField.get('evt.time')).toMatchObject({ role: 'time', value: '1764511331482117230' });
    expect(byField.get('hostname')).toMatchObject({ role: 'host', value: 'mini-debian-lab' });
    expect(table.facts.some((fact) => fact.role === 'pid' || fact.role === 'ppid')).toBe(false);
    expect(byField.has('k8s.ns.name')).toBe(false);
  });

  it('turns tags into tag and MITRE technique facts with names and tactics', async () => {
    const table = buildFactTable(await seedAlert());
    expect(table.facts.filter((fact) => fact.role === 'mitre-technique').map((fact) => fact.value)).toEqual([
      'T1620',
    ]);
    expect(table.facts.filter((fact) => fact.role === 'tag').map((fact) => fact.value)).toContain(
      'mitre_defense_evasion',
    );
    expect(table.mitre).toEqual([
      { id: 'T1620', name: 'Reflective Code Loading', tactics: ['Defense Evasion'] },
    ]);
  });

  it('drops empty strings, null, <NA>, empty arrays and the empty key', () => {
    const table = buildFactTable(
      minimalAlert({
        outputFields: {
          '': '',
          'fd.name': '<NA>',
          'proc.exepath': '',
          'ka.sourceips': [],
          'x.list': [null, '<NA>'],
          'proc.ppid': null,
        },
      }),
    );
    expect(table.facts.map((fact) => fact.field)).toEqual(['rule', 'priority']);
  });

  it('writes arrays joined and keeps non-empty items only', () => {
    const table = buildFactTable(
      minimalAlert({ outputFields: { 'ka.sourceips': ['10.0.0.1', null, '10.0.0.2'] } }),
    );
    expect(table.facts.at(-1)).toMatchObject({ role: 'ip', value: '10.0.0.1, 10.0.0.2' });
  });

  it('tells a socket fd.name from a file path', () => {
    const socket = buildFactTable(
      minimalAlert({ outputFields: { 'fd.name': '10.0.0.1:4444->10.0.0.2:80' } }),
    );
    const file = buildFactTable(minimalAlert({ outputFields: { 'fd.name': '/etc/shadow' } }));
    expect(socket.facts.at(-1)?.role).toBe('fd-name');
    expect(file.facts.at(-1)?.role).toBe('path');
  });

  it('keeps container.id "host" as a container-id fact', () => {
    const table = buildFactTable(minimalAlert({ outputFields: { 'container.id': 'host' } }));
    expect(table.facts.at(-1)).toMatchObject({ role: 'container-id', value: 'host' });
  });

  it('attaches rule knowledge and falls back to the rule tags for MITRE', async () => {
    const rules = await loadRules(['fixtures/rules/falco_rules.yaml']);
    const alert = { ...(await seedAlert()), tags: [] };
    const table = buildFactTable(alert, rules);
    expect(table.rule?.name).toBe('Fileless execution via memfd_create');
    expect(table.mitre.map((technique) => technique.id)).toEqual(['T1620']);
    expect(table.facts.find((fact) => fact.field === 'rule.tags')).toMatchObject({
      role: 'mitre-technique',
      value: 'T1620',
    });
  });
});
