/**
 * Imperative and conditional sentences ("Isolate the container", "If this is expected, ...") give
 * advice; they do not state what the alert shows, so context claims in them are not checked.
 */
const ADVICE_OPENERS = new Set(
  (
    'ensure implement use monitor check review configure consider set add enable disable restrict isolate ' +
    'inspect investigate block kill stop remove update patch rotate audit look search verify confirm run ' +
    'apply deploy limit harden regularly utilize establish create define install upgrade scan collect ' +
    'preserve capture identify determine correlate notify escalate document quarantine terminate contain ' +
    "revoke reset tune extend write compare follow keep avoid do don't never always make if when where " +
    'should once after before unless to treat pull query grep list open analyze analyse trace watch ' +
    'educate train limit enforce adopt perform schedule validate deny allow whitelist allowlist test'
  ).split(' '),
);

export const isRecommendation = (sentence: string): boolean => {
  const first = /^[\s*_>#\d.)-]*(?:\*\*[^*]+\*\*:?\s*)?([A-Za-z']+)/.exec(sentence);
  return first !== null && ADVICE_OPENERS.has(first[1]!.toLowerCase());
};
