import { MITRE_TECHNIQUE_NAMES } from '../facts/mitre-techniques.js';

export interface MitreNameClaim {
  start: number;
  end: number;
  text: string;
  /** The technique the name belongs to in the MITRE table. */
  id: string;
  /** The id the sentence writes next to the name, when it writes one. */
  writtenId: string | undefined;
}

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Names longest first, so "Process Injection: Ptrace System Calls" wins over "Process Injection". */
const NAMES = [...MITRE_TECHNIQUE_NAMES]
  .map(([id, name]) => ({ id, name, normalized: normalize(name) }))
  .sort((left, right) => right.normalized.length - left.normalized.length);

const NAME_HINT = /\b(?:mitre|att&ck|attack|technique|T\d{4})\b/i;
const ID_NEAR = /\bT\d{4}(?:\.\d{3})?\b/g;

/**
 * MITRE technique names in a sentence that talks about MITRE, with the id written next to
 * them ("T1620 (Reflective Code Loading)", "Process Injection (T1055)") when there is one.
 */
export const findMitreNameClaims = (sentence: string): MitreNameClaim[] => {
  if (!NAME_HINT.test(sentence)) return [];
  const claims: MitreNameClaim[] = [];
  const lower = sentence.toLowerCase();
  for (const entry of NAMES) {
    const at = lower.indexOf(entry.name.toLowerCase());
    if (at < 0) continue;
    const end = at + entry.name.length;
    if (claims.some((claim) => at < claim.end && end > claim.start)) continue;
    // The id written closest to the name, within a few characters either side.
    let writtenId: string | undefined;
    let distance = Number.POSITIVE_INFINITY;
    for (const match of sentence.matchAll(ID_NEAR)) {
      const gap = match.index >= end ? match.index - end : at - (match.index + match[0].length);
      if (gap >= 0 && gap <= 6 && gap < distance) {
        distance = gap;
        writtenId = match[0].toUpperCase();
      }
    }
    claims.push({ start: at, end, text: sentence.slice(at, end), id: entry.id, writtenId });
  }
  return claims;
};
