export interface VerdictClaim {
  start: number;
  end: number;
  text: string;
}

const VERDICT =
  /\b(?:benign|harmless|innocuous|(?:a\s+)?false[\s-]positives?|expected\s+(?:behaviou?r|activity)|legitimate\s+(?:activity|behaviou?r|administrative)|not\s+malicious|no\s+(?:further\s+)?(?:action|investigation|response)\s+(?:is\s+)?(?:needed|required|necessary)|(?:can|may)\s+(?:safely\s+)?be\s+(?:ignored|dismissed|closed|disregarded)|safe\s+to\s+(?:ignore|dismiss|close)|nothing\s+to\s+worry\s+about)\b/gi;
/** A condition anywhere makes the verdict conditional: "benign if the job is scheduled". */
const CONDITION = /\b(?:if|unless|whether|in\s+case|otherwise)\b/i;
/**
 * Doubt or inquiry only counts before the verdict: "determine whether it is a false positive" is
 * hedged, "it is benign, nothing to investigate" is not.
 */
const HEDGE_BEFORE =
  /\b(?:may|might|could|would|possibl[ey]|potential(?:ly)?|rule\s+out|determine|confirm|verify|check|assess|investigate|suppress|tune|before|reduce|avoid)\b/i;
const NEGATION = /\b(?:not|no|never|nor|rather\s+than|instead\s+of|unlikely\s+to\s+be)\s+(?:\w+\s+){0,3}$/i;

/**
 * Statements that the alert is harmless. Alert fields are attacker-controlled and a model can be
 * talked into "this is benign, no action needed"; the alert itself never establishes that, so
 * such a verdict is flagged unless hedged or negated.
 */
export const findVerdictClaims = (sentence: string): VerdictClaim[] => {
  const claims: VerdictClaim[] = [];
  for (const match of sentence.matchAll(VERDICT)) {
    const before = sentence.slice(0, match.index);
    if (CONDITION.test(sentence) || HEDGE_BEFORE.test(before) || NEGATION.test(before)) continue;
    claims.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return claims;
};
