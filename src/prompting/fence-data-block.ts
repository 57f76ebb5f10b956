/**
 * Wraps text in a Markdown code fence longer than any backtick run inside it, so nothing in the
 * text can close the fence early and turn data into instructions.
 */
export const fenceDataBlock = (body: string, language = 'text'): string => {
  let longest = 0;
  for (const run of body.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
};
