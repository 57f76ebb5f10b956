import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConfigBlock } from '../../../src/check/check-config-block.js';
import { checkFalcoField } from '../../../src/check/falco-fields.js';

const none = new Set<string>();
const claims = (text: string, lang = 'yaml'): string[] =>
  checkConfigBlock(text, lang, none).map((problem) => problem.claim);

describe('checkConfigBlock', () => {
  it('accepts the upstream Falco rules file: every item, key and field in it', () => {
    expect(checkConfigBlock(readFileSync('fixtures/rules/falco_rules.yaml', 'utf8'), 'yaml', none)).toEqual(
      [],
    );
  });

  it('accepts valid rule, macro, list and falco.yaml snippets', () => {
    const valid = [
      '- rule: Shell in container\n  desc: a shell\n  condition: container.id != host and proc.name = bash\n  output: shell (user=%user.name container=%container.name)\n  priority: WARNING\n  tags: [container]',
      '- list: known_memfd_execution_binaries\n  items: [python3]\n  override:\n    items: append',
      '- macro: my_macro\n  condition: evt.type in (execve, execveat) and proc.aname[2] = bash',
      'json_output: true\nfile_output:\n  enabled: true\n  filename: /var/log/falco/events.json\nrules:\n  - disable:\n      rule: "*"',
    ];
    for (const text of valid) expect(claims(text), text).toEqual([]);
  });

  it("flags INI sections, invented keys and fields in the seed report's block", () => {
    const seedBlock =
      '# Configure Falco\n[alert]\nname: Fileless Execution\nexpr:\n  fileless.memfd_create\nseverity: critical\n\n[logging]\njson_file: /var/log/falcon.log';
    const problems = checkConfigBlock(seedBlock, 'bash', none);
    expect(problems.map((problem) => problem.claim)).toEqual(
      expect.arrayContaining([
        '[alert]',
        '[logging]',
        '`name:`',
        '`expr:`',
        '`severity:`',
        '`json_file:`',
        'fileless.memfd_create',
      ]),
    );
    expect(problems.find((problem) => problem.claim === '`expr:`')?.expected).toBe('condition:');
  });

  it('flags unknown falco.yaml keys and output settings, and priorities Falco does not have', () => {
    expect(claims('logging:\n  json_file: /var/log/falcon.log')).toEqual(['`logging:`']);
    expect(claims('file_output:\n  enabled: true\n  path: /x')).toEqual(['file_output.path']);
    expect(
      claims('- rule: r\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: HIGH'),
    ).toEqual(['priority: HIGH']);
  });

  it('flags condition fields of an unknown class or an unknown core field, not values after operators', () => {
    expect(
      claims('- macro: m\n  condition: proc.exe_path startswith memfd and process.memfd = true'),
    ).toEqual(['proc.exe_path', 'process.memfd']);
    expect(claims('- macro: m\n  condition: proc.name = node.exe or fd.name in (a.b, c.d)')).toEqual([]);
  });

  it('leaves shell commands and non-Falco blocks alone', () => {
    expect(claims('docker stop c61b4b13ae44\nkubectl logs falco-abc', 'bash')).toEqual([]);
    expect(claims('{"rule": "x"}', 'json')).toEqual([]);
    expect(claims('server:\n  port: 8080', 'yaml')).toEqual([]);
  });

  it('treats a block introduced as Falco configuration as one', () => {
    expect(
      checkConfigBlock('alerts:\n  memfd: true', 'yaml', none, true).map((problem) => problem.claim),
    ).toEqual(['`alerts:`']);
  });
});

describe('checkFalcoField', () => {
  it.each([
    ['proc.name', 'known'],
    ['proc.aname[2]', 'known'],
    ['evt.arg.flags', 'known'],
    ['ka.uri.param[command]', 'known'],
    ['container.label.app', 'known'],
    ['proc.memfd', 'unknown-field'],
    ['fileless.memfd_create', 'unknown-class'],
  ])('%s is %s', (field, verdict) => {
    expect(checkFalcoField(field)).toBe(verdict);
  });
});

describe('hostile blocks', () => {
  it('bounds YAML alias expansion instead of hanging on a billion-laughs block', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(
        `${name}: &${name} [*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous}]`,
      );
    }
    const problems = checkConfigBlock(`# falco\n${levels.join('\n')}`, 'yaml', new Set());
    expect(problems.some((problem) => problem.reason.includes('cannot load'))).toBe(true);
  });
});
