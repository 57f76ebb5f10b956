import { escapeJsonControls } from './escape-json-controls.js';
import type { DigestDocument } from './render-digest-document.js';

/** The whole digest as data, aggregates included; stable key order for diffs. */
export const renderDigestJson = (digest: DigestDocument): string =>
  `${escapeJsonControls(JSON.stringify(digest, null, 2))}\n`;
