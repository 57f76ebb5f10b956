import { isRecommendation } from './is-recommendation.js';

export interface ContainerClaim {
  start: number;
  end: number;
  text: string;
}

const IN_CONTAINER =
  /\b(?:in|inside|within|from)\s+(?:a|the|this|that|its|one)\s+(?:(?:docker|running|compromised|affected|separate)\s+)?container\b|\bcontaineri[sz]ed\s+(?:process|workload|application)\b/gi;
const NEGATION = /\b(?:no|not|without|never|rather\s+than|instead\s+of|outside)\b[^.;]*$/i;

/**
 * Sentences that place the event in a container. Checked only when the alert says the process
 * ran on the host (`container.id` is `host`); advice and negations pass.
 */
export const findContainerClaims = (sentence: string): ContainerClaim[] => {
  if (isRecommendation(sentence)) return [];
  const prose = sentence.replace(/`+[^`]*`+|"[^"]*"/g, (quoted) => ' '.repeat(quoted.length));
  const claims: ContainerClaim[] = [];
  for (const match of prose.matchAll(IN_CONTAINER)) {
    if (NEGATION.test(prose.slice(Math.max(0, match.index - 40), match.index))) continue;
    claims.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return claims;
};
