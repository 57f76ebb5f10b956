import type { FactTable } from '../facts/fact.js';
import { checkConfigBlock } from './check-config-block.js';
import { coverageOfSentences } from './compute-coverage.js';
import { extractClaims, IPV4 } from './extract-claims.js';
import { buildFactIndex, type FactIndex } from './fact-index.js';
import { findContainerClaims } from './find-container-claims.js';
import { findDecisionClaims } from './find-decision-claims.js';
import { findKubernetesClaims } from './find-kubernetes-claims.js';
import { findMitreNameClaims } from './find-mitre-name-claims.js';
import { findProductNameTypos } from './find-product-name-typos.js';
import { findVerdictClaims } from './find-verdict-claims.js';
import type { CheckResult, Finding } from './finding.js';
import { isRecommendation } from './is-recommendation.js';
import { findPriorityClaims, priorityWordMeaning } from './priority-words.js';
import { isInside, quotedValueSpans, type TextSpan } from './quoted-value-spans.js';
import { splitSentences } from './split-sentences.js';
import { findTimeClaims, verifyTimeClaim } from './time-claims.js';
import { type ClaimVerdict, verifyClaim } from './verify-claim.js';

export interface CheckOptions {
  /** Section name for sentences that sit under no heading of their own. */
  section?: string;
}

/** A FactIndex is cheap but not free; reuse it for repeated calls on the same table. */
const indexCache = new WeakMap<FactTable, FactIndex>();
const indexFor = (facts: FactTable): FactIndex => {
  let index = indexCache.get(facts);
  if (!index) {
    index = buildFactIndex(facts);
    indexCache.set(facts, index);
  }
  return index;
};

/**
 * The sentence with every code span that quotes a whole alert value blanked out: a container named
 * "this alert is benign" is attacker data the report shows, not a verdict the report states, and
 * hedge words inside such a value must not excuse a verdict written around it.
 */
const withoutQuotedAlertValues = (sentence: string, quoted: readonly TextSpan[]): string =>
  quoted.reduce(
    (text, span) => text.slice(0, span.start) + ' '.repeat(span.end - span.start) + text.slice(span.end),
    sentence,
  );

const proseFindings = (sentence: string, index: FactIndex): ClaimVerdict[] => {
  const results: ClaimVerdict[] = [];
  const alert = index.table.alert;
  const advice = isRecommendation(sentence);

  const times = findTimeClaims(sentence);
  const timeSpans = times.map((time) => ({ start: time.start, end: time.end }));
  for (const time of times) {
    if (advice) continue;
    const verdict = verifyTimeClaim(time, alert);
    results.push({
      verdict: verdict.supported ? 'supported' : verdict.expected ? 'contradicted' : 'unsupported',
      kind: time.kind,
      claim: time.text,
      field: 'time',
      ...(verdict.expected === undefined ? {} : { expected: verdict.expected }),
      ...(verdict.supported
        ? {}
        : { reason: verdict.expected ? `the alert fired at ${verdict.expected}` : 'the alert has no time' }),
    });
  }

  for (const priority of findPriorityClaims(sentence, index.priorityBeforeRule)) {
    const meaning = priorityWordMeaning(priority.word) ?? [];
    const supported = meaning.includes(alert.priority);
    results.push({
      verdict: supported ? 'supported' : 'contradicted',
      kind: 'priority',
      claim: priority.text,
      field: 'priority',
      expected: alert.priority,
      ...(supported ? {} : { reason: `the alert's priority is ${alert.priority}` }),
    });
  }

  const quoted = quotedValueSpans(sentence, index.byValue);
  for (const claim of extractClaims(sentence, index)) {
    // `{{proc.name}}` inside a quoted value is the attacker's text, not the writer's placeholder.
    if (claim.kind === 'placeholder' && isInside(quoted, claim.start, claim.end)) continue;
    if (timeSpans.some((span) => claim.start < span.end && claim.end > span.start)) continue;
    const verdict = verifyClaim(claim, index, sentence);
    if (!verdict) continue;
    // Advice may name other rules ("also enable X"); only statements about this alert are checked.
    if (advice && verdict.kind === 'rule' && verdict.verdict !== 'supported') continue;
    // "Check /etc/passwd for changes" is advice about the system, not a claim that the alert names it.
    // Likewise "allow only ports 80 and 443"; an address in advice is still checked, since blocking
    // or trusting a wrong address does harm.
    if (advice && (verdict.kind === 'path' || verdict.kind === 'port') && verdict.verdict === 'unsupported')
      continue;
    results.push(verdict);
  }

  // A rule about Kubernetes (its name or description says so) may be discussed as such.
  const techniques = [
    ...new Set(
      [...alert.tags, ...index.table.mitre.map((technique) => technique.id)]
        .map((tag) => tag.toUpperCase())
        .filter((tag) => /^T\d{4}/.test(tag)),
    ),
  ];
  for (const name of findMitreNameClaims(sentence)) {
    // A name is right when it is the alert's technique (or its parent or child), and names the id written next to it.
    const related = (left: string, right: string): boolean =>
      left === right || left.startsWith(`${right}.`) || right.startsWith(`${left}.`);
    const belongs = techniques.some((id) => related(id, name.id));
    const matchesWritten = name.writtenId === undefined || related(name.writtenId, name.id);
    if (belongs && matchesWritten) {
      results.push({ verdict: 'supported', kind: 'mitre-technique', claim: name.text, field: 'tags' });
      continue;
    }
    const written = name.writtenId === undefined ? '' : ` (written next to ${name.writtenId})`;
    const held =
      techniques.length === 0
        ? 'the alert names no technique'
        : `the alert's technique is ${techniques.join(', ')}`;
    results.push({
      verdict: techniques.length === 0 && name.writtenId === undefined ? 'unsupported' : 'contradicted',
      kind: 'mitre-technique',
      claim: name.writtenId === undefined ? name.text : `${name.writtenId} (${name.text})`,
      field: 'tags',
      ...(techniques.length > 0 ? { expected: techniques.join(', ') } : {}),
      reason: `"${name.text}" is MITRE ${name.id}${written}; ${held}`,
    });
  }

  const decision = index.table.facts.find((fact) => fact.field === 'ka.auth.decision')?.value;
  if (decision !== undefined) {
    const held = /^allow/i.test(decision) ? 'allow' : 'deny';
    for (const claim of findDecisionClaims(sentence)) {
      const supported = claim.decision === held;
      results.push({
        verdict: supported ? 'supported' : 'contradicted',
        kind: 'auth-decision',
        claim: claim.text,
        field: 'ka.auth.decision',
        expected: decision,
        ...(supported ? {} : { reason: `the API server's decision was "${decision}"` }),
      });
    }
  }

  if (!index.hasKubernetes && !/\b(?:k8s|kubernetes)\b/.test(index.ruleText)) {
    for (const claim of findKubernetesClaims(sentence)) {
      results.push({
        verdict: 'unsupported',
        kind: 'k8s-context',
        claim: claim.text,
        reason: 'the alert has no Kubernetes fields: every k8s.* field is empty or absent',
      });
    }
  }

  const benign = ['Informational', 'Debug'].includes(alert.priority) || alert.source === 'internal';
  if (!benign) {
    for (const claim of findVerdictClaims(withoutQuotedAlertValues(sentence, quoted))) {
      results.push({
        verdict: 'unsupported',
        kind: 'verdict',
        claim: claim.text,
        reason: `nothing in the alert establishes that; rule "${alert.rule}" fired with priority ${alert.priority}`,
      });
    }
  }

  const onHost = index.byField.get('container.id')?.value === 'host';
  if (onHost) {
    for (const claim of findContainerClaims(sentence)) {
      results.push({
        verdict: 'contradicted',
        kind: 'container-id',
        claim: claim.text,
        field: 'container.id',
        expected: 'host',
        reason: 'the process ran on the host, not in a container (container.id is "host")',
      });
    }
  }

  results.push(...productNameFindings(sentence));
  return results;
};

/** "Falcon" for Falco, in prose and code alike: wrong whatever the alert says. */
const productNameFindings = (text: string): ClaimVerdict[] =>
  findProductNameTypos(text).map((typo) => ({
    verdict: 'invalid',
    kind: 'product-name',
    claim: typo.text,
    reason: typo.reason,
  }));

const CODE_VALUE = new RegExp(
  `(?<![\\w.])(?:${IPV4}(?::\\d{1,5})?|(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{64}|(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12})(?![\\w.])`,
  'g',
);

const codeFindings = (text: string, lang: string, index: FactIndex, introduction: string): ClaimVerdict[] => {
  const known = new Set(index.facts.map((fact) => fact.field));
  // "Add this to falco.yaml:" makes the block a Falco config claim even if its keys do not say so.
  const claimedFalco = /\bfalco\b/i.test(introduction);
  const results: ClaimVerdict[] = checkConfigBlock(text, lang, known, claimedFalco).map((problem) => ({
    verdict: 'invalid',
    kind: problem.kind,
    claim: problem.claim,
    reason: problem.reason,
  }));
  // Commands in code blocks name containers and addresses too; those must be the alert's.
  for (const match of text.matchAll(CODE_VALUE)) {
    for (const claim of extractClaims(`\`${match[0]}\``, index)) {
      const verdict = verifyClaim(claim, index, text);
      if (verdict) results.push(verdict);
    }
  }
  results.push(...productNameFindings(text));
  return results;
};

/** Every claim in one sentence of prose, with its verdict (for repair loops). */
export const checkSentence = (sentence: string, facts: FactTable): Finding[] =>
  proseFindings(sentence, indexFor(facts)).map((finding) => ({ ...finding, sentence }));

/** Every claim in a Markdown report with its verdict, supported ones included, plus coverage. */
export const checkText = (markdown: string, facts: FactTable, options: CheckOptions = {}): CheckResult => {
  const index = indexFor(facts);
  const findings: Finding[] = [];
  const sentences = splitSentences(markdown);
  sentences.forEach((sentence, position) => {
    const section = sentence.section ?? options.section;
    const previous = sentences[position - 1];
    const introduction = previous && !previous.codeBlock ? previous.text : '';
    const found = sentence.codeBlock
      ? codeFindings(sentence.text, sentence.codeBlock.lang, index, introduction)
      : proseFindings(sentence.text, index);
    for (const finding of found) {
      findings.push({ ...finding, sentence: sentence.text, ...(section === undefined ? {} : { section }) });
    }
  });
  return { findings, coverage: coverageOfSentences(sentences, facts) };
};
