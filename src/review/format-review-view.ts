import { type Finding, isFlagged } from '../check/finding.js';
import { stripTerminalControls } from '../render/strip-terminal-controls.js';
import type { ReviewProgress, ReviewView } from './review-session.js';

export interface ViewFormat {
  /** ANSI styling: only when the output is a terminal. */
  color: boolean;
  /** Print the section's text (the terminal does; a script's log only names sections and findings). */
  showText: boolean;
  /** The report being reviewed, named in the closing line. */
  reportPath: string;
}

export const REVIEW_PROMPT = 'Accept this section [y,n,e,r,d,q,?]? ';

const REVIEW_HELP = [
  'y - accept this section (asks for a one-line reason when it has flagged claims)',
  'n - skip it for now; it comes round again',
  'e - edit it in $VISUAL or $EDITOR; the edit is checked against the alert at once',
  'r - regenerate it with the model, optionally following an instruction you type',
  'd - drop it from the report',
  'q - save and quit; run review again to resume here',
  '? - show this help',
].join('\n');

const style = (enabled: boolean, codes: string, text: string): string =>
  enabled ? `\u001b[${codes}m${text}\u001b[0m` : text;

/** Alert and model text may carry escape sequences: strip them before adding our own styling. */
const safe = (text: string): string => stripTerminalControls(text);

export interface ClaimSpan {
  claim: string;
  sentence: string;
}

const isWordCharacter = (character: string | undefined): boolean =>
  character !== undefined && /[\p{L}\p{N}]/u.test(character);

/**
 * Occurrences of `needle` in `text[from, to)` not glued to a letter or digit ("3" must not match
 * inside "34816"). A plain scan, not a RegExp built from the claim: claims quote alert values, which
 * can be megabytes long.
 */
const boundedOccurrences = (
  text: string,
  needle: string,
  from: number,
  to: number,
): Array<[number, number]> => {
  const ranges: Array<[number, number]> = [];
  for (let at = text.indexOf(needle, from); at !== -1 && at + needle.length <= to; ) {
    const end = at + needle.length;
    if (!isWordCharacter(text[at - 1]) && !isWordCharacter(text[end])) ranges.push([at, end]);
    at = text.indexOf(needle, at + 1);
  }
  return ranges;
};

/**
 * Where a claim sits in the text: the checker may word a claim its own way ("parent PID 34816" for
 * "the parent PID was 34816"), so when the claim is not there verbatim its value, the last word, is
 * marked instead, looked for inside the claim's sentence first.
 */
const claimRanges = (text: string, span: ClaimSpan): Array<[number, number]> => {
  const sentenceAt = span.sentence === '' ? -1 : text.indexOf(span.sentence);
  const [from, to] = sentenceAt === -1 ? [0, text.length] : [sentenceAt, sentenceAt + span.sentence.length];
  const value = span.claim.trim().split(/\s+/).at(-1) ?? '';
  for (const needle of [span.claim, value]) {
    if (needle === '') continue;
    const ranges = boundedOccurrences(text, needle, from, to);
    if (ranges.length > 0) return ranges;
  }
  return [];
};

/** Marks flagged claims, bold red on a terminal, `>>claim<<` elsewhere. */
export const highlightClaims = (text: string, spans: ClaimSpan[], color: boolean): string => {
  const ranges = spans.flatMap((span) => claimRanges(text, span));
  ranges.sort((left, right) => left[0] - right[0] || right[1] - left[1]);
  let result = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (start < cursor) continue;
    const span = text.slice(start, end);
    result += text.slice(cursor, start) + (color ? style(true, '1;31', span) : `>>${span}<<`);
    cursor = end;
  }
  return result + text.slice(cursor);
};

/** One line per flagged claim: the verdict, the claim, the alert field and what it holds, and why. */
export const explainFinding = (finding: Finding, color: boolean): string => {
  const verdict = style(color, '1;31', finding.verdict);
  const parts = [`${verdict}: "${safe(finding.claim)}"`];
  if (finding.field !== undefined && finding.expected !== undefined) {
    parts.push(`the alert's ${safe(finding.field)} holds "${safe(finding.expected)}"`);
  } else if (finding.field !== undefined) {
    parts.push(`checked against ${safe(finding.field)}`);
  } else if (finding.verdict === 'unsupported') {
    parts.push('the alert does not hold this value');
  }
  if (finding.reason !== undefined) parts.push(safe(finding.reason));
  return parts.join(' - ');
};

const heading = (progress: ReviewProgress, title: string, color: boolean): string =>
  style(color, '1', `== Section ${progress.position}/${progress.total}: ${safe(title)} ==`) +
  ` (${progress.decided} decided)`;

const flaggedBlock = (findings: Finding[], color: boolean): string[] => {
  const flagged = findings.filter(isFlagged);
  if (flagged.length === 0) return ['No flagged claims.'];
  const count = `${flagged.length} flagged ${flagged.length === 1 ? 'claim' : 'claims'}:`;
  return [count, ...flagged.map((finding, index) => `  ${index + 1}. ${explainFinding(finding, color)}`)];
};

export const formatReviewView = (view: ReviewView, format: ViewFormat): string => {
  const { color } = format;
  switch (view.kind) {
    case 'section': {
      const flaggedClaims = view.findings
        .filter(isFlagged)
        .map((finding) => ({ claim: safe(finding.claim), sentence: safe(finding.sentence) }));
      const lines = [''];
      if (view.notice !== undefined) lines.push(style(color, '33', view.notice));
      lines.push(heading(view.progress, view.section.title, color));
      if (format.showText)
        lines.push('', highlightClaims(safe(view.section.markdown), flaggedClaims, color), '');
      lines.push(...flaggedBlock(view.findings, color));
      return `${lines.join('\n')}\n`;
    }
    case 'reason-required':
      return `Section "${safe(view.section.title)}" has ${view.flagged.length} flagged ${view.flagged.length === 1 ? 'claim' : 'claims'}; accepting it needs a one-line reason (empty to cancel).\n`;
    case 'help':
      return `${REVIEW_HELP}\n`;
    case 'approved':
      return `\nApproved by ${safe(view.approvedBy)} at ${view.approvedAt}. Report: ${format.reportPath}\n`;
    case 'quit': {
      const { decided, total } = view.progress;
      return `\nSaved: ${decided} of ${total} sections decided. Run \`falco-report review ${format.reportPath}\` to resume.\n`;
    }
  }
};
