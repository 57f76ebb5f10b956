/**
 * Terminal control in alert text: escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte
 * escapes, in 7-bit and 8-bit forms), then any single C0 control but tab and newline, DEL, C1
 * controls and bidi overrides/isolates. Every ESC, C0 and C1 character is removed by some branch,
 * so what is left can neither move the cursor, retitle the window, ring the bell nor reorder text.
 */
const TERMINAL_CONTROL = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)',
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]',
    '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]',
  ].join('|'),
  'g',
);

export const stripTerminalControls = (text: string): string => text.replace(TERMINAL_CONTROL, '');
