import { escapeControlCharacters } from '../prompting/escape-control-characters.js';

/**
 * An alert value as a Markdown code span that nothing inside can end early: the fence is one
 * backtick longer than the longest run in the value, padded when the value starts or ends with a
 * backtick (CommonMark strips one space each side). Control characters are escaped so a value can
 * never break the paragraph or reach a terminal raw.
 */
export const inlineCode = (value: string): string => {
  const text = escapeControlCharacters(value);
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad =
    text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
};
