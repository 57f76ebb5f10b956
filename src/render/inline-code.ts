import { makeControlsVisible } from './visible-controls.js';

/**
 * A Markdown code span holding `value` literally, whatever backticks it contains: the fence is one
 * backtick longer than the longest run inside, and control characters and newlines are written as
 * visible escapes so the span stays on one line. Not for GFM table cells, where `|` still splits
 * the row inside code; use `escapeMarkdownText` there.
 */
export const inlineCode = (value: string): string => {
  const text = makeControlsVisible(value);
  if (text === '') return '` `';
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each end when both ends have one, and a backtick at either
  // end would merge with the fence: pad so the content survives exactly.
  const needsPadding =
    text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' '));
  return needsPadding ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
};
