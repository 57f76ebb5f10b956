import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { parseDecisionScript } from '../../../src/review/decision-script.js';

const FILE = '/work/review/decisions.txt';

describe('decision scripts', () => {
  it('reads one decision per line, skipping blanks and comments', () => {
    const script = [
      '# review of report.md',
      'accept',
      '',
      'accept  the PID is fixed in the ticket ',
      'edit new-text.md',
      'regenerate say what is not known',
      'regenerate',
      'skip',
      'drop',
      'quit',
    ].join('\n');
    expect(parseDecisionScript(script, FILE)).toEqual([
      { line: 2, decision: { kind: 'accept' } },
      { line: 4, decision: { kind: 'accept', reason: 'the PID is fixed in the ticket' } },
      { line: 5, decision: { kind: 'edit', path: '/work/review/new-text.md' } },
      { line: 6, decision: { kind: 'regenerate', instruction: 'say what is not known' } },
      { line: 7, decision: { kind: 'regenerate' } },
      { line: 8, decision: { kind: 'skip' } },
      { line: 9, decision: { kind: 'drop' } },
      { line: 10, decision: { kind: 'quit' } },
    ]);
  });

  it('takes the terminal keys as verbs, in any case, and CRLF line ends', () => {
    expect(
      parseDecisionScript('Y\r\nn\r\nD\r\ne /tmp/x.md\r\nr shorter\r\nq\r\n', FILE).map(
        (line) => line.decision,
      ),
    ).toEqual([
      { kind: 'accept' },
      { kind: 'skip' },
      { kind: 'drop' },
      { kind: 'edit', path: '/tmp/x.md' },
      { kind: 'regenerate', instruction: 'shorter' },
      { kind: 'quit' },
    ]);
  });

  it.each([
    ['approve', 'unknown decision "approve"'],
    ['edit', '`edit` needs the path'],
    ['drop it', '`drop` takes no argument'],
  ])('rejects %j with file:line (exit 3)', (line, message) => {
    try {
      parseDecisionScript(`accept\n${line}\n`, FILE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'input.decisions-invalid', exitCode: 3 });
      expect((error as AppError).message).toContain(`${FILE}:2: ${message}`);
    }
  });
});
