/**
 * Writer prose (model or template) goes into the report as Markdown, but headings and HTML are
 * the report's, never the writer's: a model must not be able to open a fake "Verification"
 * section or smuggle markup into a Markdown viewer. Code (fenced blocks and code spans, where the
 * checker has put alert values) is left byte for byte, except that terminal and bidi controls are
 * made visible everywhere: a report file is read with `cat` as often as in a viewer.
 */
export const sanitizeNarrativeMarkdown = (markdown: string): string => {
  const output: string[] = [];
  let prose: string[] = [];
  let fence: { marker: string; length: number } | undefined;
  const flushProse = (): void => {
    if (prose.length > 0) output.push(sanitizeProse(prose.join('\n')));
    prose = [];
  };
  for (const line of makeControlsVisibleButLines(markdown).split('\n')) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      output.push(line);
      if (fenceMatch?.[1] !== undefined && isClosingFence(line, fenceMatch[1], fence)) fence = undefined;
    } else if (fenceMatch?.[1] !== undefined) {
      flushProse();
      fence = { marker: fenceMatch[1].charAt(0), length: fenceMatch[1].length };
      output.push(line);
    } else {
      prose.push(line);
    }
  }
  flushProse();
  return output.join('\n');
};

/** Every control but newline and tab (which Markdown and code blocks need), after CRLF and CR become newlines. */
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const makeControlsVisibleButLines = (markdown: string): string =>
  markdown
    .replace(/\r\n?/g, '\n')
    .replace(
      CONTROLS_BUT_LINES,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );

const isClosingFence = (line: string, run: string, fence: { marker: string; length: number }): boolean =>
  run.charAt(0) === fence.marker && run.length >= fence.length && line.trim() === run;

/** Raw HTML constructs as CommonMark recognises them: comments, processing instructions, declarations, CDATA, tags. */
const RAW_HTML =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\s*\/?>/g;
/** Whatever could still open HTML or an autolink once the well-formed tags are gone. */
const TAG_OPENER = /<(?=[A-Za-z/!?])/g;
/** An ATX heading marker, also inside block quotes and list items. */
const ATX_HEADING = /^((?: {0,3}(?:>\s?|[-+*]\s+|\d{1,9}[.)]\s+))*\s{0,3})(#{1,6})(?=\s|$)/gm;
/** A setext underline turns the paragraph line above it into a heading. */
const SETEXT_UNDERLINE = /^( {0,3})(=+|-+)[ \t]*$/gm;

const sanitizeProse = (text: string): string => {
  const parts = splitCodeSpans(text);
  return parts
    .map((part, index) => (part.code ? part.text : neutralize(part.text, index === parts.length - 1)))
    .join('');
};

/**
 * `endsText` says whether the part runs to the end of the prose: when a code span follows, the
 * part's last "line" goes on after it (`- ` before `` `kubectl` `` is a list item, not an underline).
 */
const neutralize = (text: string, endsText: boolean): string =>
  text
    .replace(RAW_HTML, '')
    .replace(TAG_OPENER, '\\<')
    .replace(ATX_HEADING, '$1\\$2')
    .replace(SETEXT_UNDERLINE, (line: string, indent: string, run: string, offset: number, whole: string) => {
      const cutByCodeSpan = !endsText && offset + line.length === whole.length;
      return !cutByCodeSpan && isUnderline(whole, offset) ? `${indent}\\${run}` : line;
    });

/** `---` after a blank line is a thematic break, which is harmless; only an underline makes a heading. */
const isUnderline = (text: string, offset: number): boolean => {
  const before = text.slice(0, offset).replace(/\n$/, '');
  const previousLine = before.slice(before.lastIndexOf('\n') + 1);
  return previousLine.trim() !== '';
};

interface Part {
  code: boolean;
  text: string;
}

/** CommonMark code spans: a backtick run closed by the next run of exactly the same length. */
const splitCodeSpans = (text: string): Part[] => {
  const parts: Part[] = [];
  const runs = [...text.matchAll(/(?<!\\)`+/g)];
  let cursor = 0;
  let index = 0;
  while (index < runs.length) {
    const opening = runs[index]!;
    const closingIndex = runs.findIndex(
      (run, candidate) => candidate > index && run[0].length === opening[0].length,
    );
    if (closingIndex === -1) {
      index += 1;
      continue;
    }
    const closing = runs[closingIndex]!;
    const start = opening.index;
    const end = closing.index + closing[0].length;
    if (start > cursor) parts.push({ code: false, text: text.slice(cursor, start) });
    parts.push({ code: true, text: text.slice(start, end) });
    cursor = end;
    index = closingIndex + 1;
  }
  if (cursor < text.length) parts.push({ code: false, text: text.slice(cursor) });
  return parts;
};
