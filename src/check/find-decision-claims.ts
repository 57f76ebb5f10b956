export interface DecisionClaim {
  start: number;
  end: number;
  text: string;
  /** What the sentence says the API server decided. */
  decision: 'allow' | 'deny';
}

const ALLOWED = 'allowed|permitted|authori[sz]ed|approved|accepted|granted';
const DENIED = 'denied|forbidden|rejected|refused|blocked';

/** "the request was denied", "the API call has been allowed", "the call was not authorized". */
const DECISION = new RegExp(
  `\\b(?:request|api\\s+(?:call|request)|call|operation|action)\\s+(?:was|is|has\\s+been|had\\s+been|got)\\s+(not\\s+)?(${ALLOWED}|${DENIED})\\b`,
  'gi',
);

/**
 * Statements of the authorization decision of a Kubernetes audit event, to check against
 * `ka.auth.decision` (`allow` or `forbid`).
 */
export const findDecisionClaims = (sentence: string): DecisionClaim[] =>
  [...sentence.matchAll(DECISION)].map((match) => {
    const allowedWord = new RegExp(`^(?:${ALLOWED})$`, 'i').test(match[2] ?? '');
    const negated = match[1] !== undefined;
    return {
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      decision: allowedWord !== negated ? 'allow' : 'deny',
    };
  });
