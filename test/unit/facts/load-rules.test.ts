import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors.js';
import { defaultRulesFiles } from '../../../src/facts/default-rules-files.js';
import { findTuningHooks } from '../../../src/facts/find-tuning-hooks.js';
import { loadRules } from '../../../src/facts/load-rules.js';
import { lookupRule } from '../../../src/facts/lookup-rule.js';

const base = 'fixtures/ingest/rules/base_rules.yaml';
const local = 'fixtures/ingest/rules/local_rules.yaml';

describe('loadRules', () => {
  it('loads the upstream rules file with rule knowledge', async () => {
    const index = await loadRules(['fixtures/rules/falco_rules.yaml']);
    const rule = index.rules.get('Fileless execution via memfd_create');
    expect(rule).toMatchObject({ priority: 'CRITICAL', file: 'fixtures/rules/falco_rules.yaml' });
    expect(rule?.desc).toMatch(/memfd_create/);
    expect(rule?.tags).toContain('T1620');
    expect(rule?.tuningHooks.slice(0, 2)).toEqual([
      'known_memfd_execution_processes',
      'known_memfd_execution_binaries',
    ]);
    expect(index.files).toEqual(['fixtures/rules/falco_rules.yaml']);
  });

  it('finds hooks: user_/known_ names, placeholder macros, excluded _binaries lists', async () => {
    const index = await loadRules([base]);
    expect(index.rules.get('Fileless execution via memfd_create')?.tuningHooks).toEqual([
      'known_memfd_execution_processes',
      'known_memfd_execution_binaries',
      'user_known_memfd_activities',
      'shell_binaries',
    ]);
    expect(index.rules.get('Terminal shell in container')?.tuningHooks).toEqual([]);
  });

  it('applies later files: replace, append: true, override append/replace, enabled-only items', async () => {
    const index = await loadRules([base, local]);
    expect(index.lists.get('known_memfd_execution_binaries')).toEqual({ items: ['runc'], file: base });
    expect(index.lists.get('shell_binaries')?.items).toEqual(['bash', 'sh', 'zsh', 'fish']);
    expect(index.macros.get('spawned_process')?.condition).toBe(
      '(evt.type in (execve, execveat) and evt.dir=<) and proc.name != ignored',
    );
    const shell = index.rules.get('Terminal shell in container');
    expect(shell).toMatchObject({ desc: 'Replaced description.', priority: 'WARNING', file: local });
    expect(shell?.exceptions).toEqual([{ name: 'known_images', fields: ['container.image.repository'] }]);
    const memfd = index.rules.get('Fileless execution via memfd_create');
    expect(memfd?.desc).toBe('Detect if a binary is executed from memory. Also in tests.');
    expect(memfd?.tags).toContain('tests');
    expect(memfd?.tags).toContain('T1620');
    expect(memfd?.condition).toMatch(/proc.is_exe_from_memfd=true/);
    expect(memfd?.file).toBe(base);
  });

  it('throws config.rules-invalid (exit 2) naming file and line for malformed YAML', async () => {
    const error = await loadRules(['fixtures/ingest/rules/broken.yaml']).catch((caught) => caught);
    expect(isAppError(error) && [error.code, error.exitCode]).toEqual(['config.rules-invalid', 2]);
    expect(error.message).toMatch(/^fixtures\/ingest\/rules\/broken\.yaml:\d+: /);
  });

  it('throws an exit-2 error naming a rules file that does not exist', async () => {
    const error = await loadRules(['fixtures/rules/missing.yaml']).catch((caught) => caught);
    expect(isAppError(error) && [error.code, error.exitCode]).toEqual(['config.rules-not-found', 2]);
    expect(error.message).toContain('fixtures/rules/missing.yaml');
  });

  it('rejects a YAML file that is not a list of items', async () => {
    const error = await loadRules(['fixtures/alerts/../../package.json']).catch((caught) => caught);
    expect(isAppError(error) && error.code).toBe('config.rules-invalid');
  });
});

describe('lookupRule', () => {
  it('matches the exact name first, then ignoring case', async () => {
    const index = await loadRules([base]);
    expect(lookupRule(index, 'Terminal shell in container')?.name).toBe('Terminal shell in container');
    expect(lookupRule(index, 'terminal SHELL in container')?.name).toBe('Terminal shell in container');
    expect(lookupRule(index, 'No such rule')).toBeUndefined();
  });
});

describe('findTuningHooks', () => {
  it('is empty without a condition', async () => {
    expect(findTuningHooks(undefined, await loadRules([base]))).toEqual([]);
  });
});

describe('defaultRulesFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'falco-report-rules-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists the stock files that exist, rules.d sorted', () => {
    expect(defaultRulesFiles(root)).toEqual([]);
    mkdirSync(join(root, 'etc/falco/rules.d'), { recursive: true });
    for (const name of ['falco_rules.yaml', 'rules.d/b.yaml', 'rules.d/a.yml', 'rules.d/notes.txt']) {
      writeFileSync(join(root, 'etc/falco', name), '[]');
    }
    expect(defaultRulesFiles(root)).toEqual([
      join(root, 'etc/falco/falco_rules.yaml'),
      join(root, 'etc/falco/rules.d/a.yml'),
      join(root, 'etc/falco/rules.d/b.yaml'),
    ]);
  });
});
