import type { DigestDocument } from './render-digest-document.js';

/** The whole digest as data, aggregates included; stable key order for diffs. */
export const renderDigestJson = (digest: DigestDocument): string => `${JSON.stringify(digest, null, 2)}\n`;
