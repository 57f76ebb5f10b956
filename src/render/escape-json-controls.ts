/**
 * Characters `JSON.stringify` leaves raw that a terminal acts on (DEL, C1 controls such as the 8-bit
 * CSI) or that make text read differently from what it is (bidi overrides, line separators). They
 * only occur inside JSON strings, so writing them as `\u` escapes parses back to the same value.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export const escapeJsonControls = (json: string): string =>
  json.replace(RAW_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
