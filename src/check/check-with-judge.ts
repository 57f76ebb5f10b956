import type { FactTable } from '../facts/fact.js';
import type { SentenceJudge } from '../model/ollama-judge.js';
import { type CheckOptions, checkText } from './check-text.js';
import type { CheckResult, Finding } from './finding.js';
import { splitSentences } from './split-sentences.js';

/** What the judge may rely on: the alert's facts and the rule's own description, nothing else. */
export const judgeContext = (facts: FactTable): string => {
  const lines = [
    `Falco rule: ${facts.alert.rule}`,
    `Priority: ${facts.alert.priority}`,
    ...facts.facts.map((fact) => `${fact.label} (${fact.field}): ${fact.value}`),
  ];
  if (facts.rule?.desc) lines.push('', `Rule description: ${facts.rule.desc.trim()}`);
  if (facts.rule?.condition) lines.push(`Rule condition: ${facts.rule.condition.trim()}`);
  for (const technique of facts.mitre) {
    lines.push(`MITRE ATT&CK: ${technique.id}${technique.name ? ` ${technique.name}` : ''}`);
  }
  return lines.join('\n');
};

/** The deterministic checker to extend: `checkText`, or a batch group report's aggregate-aware one. */
export type DeterministicCheck = (markdown: string, facts: FactTable, options?: CheckOptions) => CheckResult;

/** Too short to assert anything worth a model call ("Summary:", "Next steps"). */
const MIN_WORDS = 5;

/**
 * The deterministic check, plus a judge model's verdict on the sentences the checker found no
 * value in ("executed without being loaded into memory"): each one the judge does not support
 * becomes an `unsupported` finding of kind `semantic`. Off unless the caller passes a judge.
 */
export const checkWithJudge = async (
  markdown: string,
  facts: FactTable,
  judge: SentenceJudge,
  options: CheckOptions & { check?: DeterministicCheck } = {},
): Promise<CheckResult> => {
  const { check = checkText, ...checkOptions } = options;
  const result = check(markdown, facts, checkOptions);
  const checked = new Set(result.findings.map((finding) => finding.sentence));
  const candidates = splitSentences(markdown).filter(
    (sentence) =>
      !sentence.codeBlock && !checked.has(sentence.text) && sentence.text.split(/\s+/).length >= MIN_WORDS,
  );
  if (candidates.length === 0) return result;
  const verdicts = await judge.judge(
    candidates.map((sentence) => sentence.text),
    judgeContext(facts),
  );
  const bySentence = new Map(candidates.map((sentence) => [sentence.text, sentence]));
  const semantic: Finding[] = [];
  for (const verdict of verdicts) {
    const sentence = bySentence.get(verdict.sentence);
    if (!sentence || verdict.supported) continue;
    const section = sentence.section ?? options.section;
    semantic.push({
      verdict: 'unsupported',
      kind: 'semantic',
      claim: sentence.text,
      sentence: sentence.text,
      ...(section === undefined ? {} : { section }),
      reason: `judge: ${verdict.reason}`,
    });
  }
  return { findings: [...result.findings, ...semantic], coverage: result.coverage };
};
