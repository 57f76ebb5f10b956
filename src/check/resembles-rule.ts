const ruleWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1);

/** Quoted text that shares most of its words with the alert's rule name is a rule-name claim. */
export const resemblesRule = (text: string, rule: string): boolean => {
  const words = ruleWords(text);
  if (words.length < 2) return false;
  const ruleSet = new Set(ruleWords(rule));
  const shared = words.filter((word) => ruleSet.has(word)).length;
  return shared / new Set([...words, ...ruleSet]).size >= 0.5;
};
