/** A unit of prose the checker reads: one sentence, one list item line, one table row or one code block. */
export interface Sentence {
  text: string;
  /** Offsets into the Markdown the sentence was split from (`end` exclusive). */
  start: number;
  end: number;
  /** The heading the sentence sits under, when there is one. */
  section?: string;
  /** Set for fenced code blocks, which come out whole. */
  codeBlock?: { lang: string };
}

/**
 * Words that end in a period without ending the sentence. Lower-cased, without the final period.
 * Single letters cover initials and "e.g."-style pairs once the inner period is kept.
 */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'cf',
  'approx',
  'incl',
  'esp',
  'fig',
  'no',
  'nr',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'inc',
  'ltd',
  'corp',
  'resp',
  'min',
  'max',
  'sec',
  'u.s',
]);

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/;
const LIST_MARKER = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;

interface Line {
  text: string;
  start: number;
}

const toLines = (markdown: string): Line[] => {
  const lines: Line[] = [];
  let start = 0;
  for (const text of markdown.split('\n')) {
    lines.push({ text: text.endsWith('\r') ? text.slice(0, -1) : text, start });
    start += text.length + 1;
  }
  return lines;
};

/** Strips emphasis markers from heading text so `**Summary**` names the section `Summary`. */
const headingName = (text: string): string =>
  text
    .replace(/[*_`]+/g, '')
    .replace(/^\d+\.\s*/, '')
    .trim();

/**
 * Splits Markdown into sentences. Headings name the section and are not sentences themselves;
 * list items, table rows and fenced code blocks each start a new unit; periods inside decimals,
 * IPs, versions, paths, file names and inline code never split because a split needs whitespace
 * after the terminator.
 */
export const splitSentences = (markdown: string): Sentence[] => {
  const sentences: Sentence[] = [];
  const lines = toLines(markdown);
  let section: string | undefined;
  let paragraph: Line[] = [];

  const flush = (): void => {
    if (paragraph.length === 0) return;
    splitParagraph(paragraph, section, sentences);
    paragraph = [];
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = FENCE.exec(line.text);
    if (fence) {
      flush();
      const marker = fence[1]!;
      let closing = index + 1;
      while (closing < lines.length && !lines[closing]!.text.trimStart().startsWith(marker)) closing++;
      const bodyStart = lines[index + 1]?.start ?? line.start + line.text.length;
      const bodyEndLine = lines[closing];
      const bodyEnd = bodyEndLine ? bodyEndLine.start : markdown.length;
      const text = markdown.slice(Math.min(bodyStart, bodyEnd), bodyEnd).replace(/\n$/, '');
      sentences.push({
        text,
        start: Math.min(bodyStart, bodyEnd),
        end: Math.min(bodyStart, bodyEnd) + text.length,
        ...(section === undefined ? {} : { section }),
        codeBlock: { lang: fence[2]!.toLowerCase() },
      });
      index = closing;
      continue;
    }
    const heading = ATX_HEADING.exec(line.text);
    if (heading) {
      flush();
      section = headingName(heading[1]!);
      continue;
    }
    const next = lines[index + 1];
    if (
      next &&
      line.text.trim() !== '' &&
      paragraph.length === 0 &&
      SETEXT_UNDERLINE.exec(next.text) &&
      !LIST_MARKER.test(line.text)
    ) {
      section = headingName(line.text);
      index++;
      continue;
    }
    if (line.text.trim() === '' || THEMATIC_BREAK.test(line.text)) {
      flush();
      continue;
    }
    if (line.text.trimStart().startsWith('|')) {
      flush();
      if (!TABLE_SEPARATOR.test(line.text)) paragraph.push(line);
      flush();
      continue;
    }
    if (LIST_MARKER.test(line.text) || /^\s*>/.test(line.text)) flush();
    paragraph.push(line);
  }
  flush();
  return sentences;
};

const isTerminatorAt = (text: string, position: number): boolean => {
  const character = text[position];
  if (character !== '.' && character !== '!' && character !== '?') return false;
  let after = position + 1;
  while (after < text.length && /["')\]*_]/.test(text[after]!)) after++;
  if (after < text.length && !/\s/.test(text[after]!)) return false;
  if (character !== '.') return true;
  const before = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, position - 12), position));
  if (before && ABBREVIATIONS.has(before[1]!.toLowerCase())) return false;
  if (before && before[1]!.length === 1 && /[A-Z]/.test(before[1]!)) return false;
  const rest = text.slice(after).trimStart();
  // A lower-case continuation after "x. y" is more often an abbreviation we do not know than a new sentence.
  if (rest !== '' && /^[a-z]/.test(rest)) return false;
  return true;
};

/** Just past the run of exactly `length` backticks that closes a code span opened before `from`; `from` when none does. */
const closingRunEnd = (text: string, from: number, length: number): number => {
  for (let at = text.indexOf('`', from); at >= 0; ) {
    let end = at;
    while (text[end] === '`') end++;
    if (end - at === length) return end;
    at = text.indexOf('`', end);
  }
  return from;
};

const splitParagraph = (lines: Line[], section: string | undefined, out: Sentence[]): void => {
  // Work on the raw slice so offsets stay true; list markers and quote markers are stripped per unit.
  const first = lines[0]!;
  const start = first.start;
  const raw = lines.map((line) => line.text).join('\n');
  let unitStart = 0;
  const emit = (from: number, to: number): void => {
    let text = raw.slice(from, to);
    const leading = text.length - text.trimStart().length;
    let offset = from + leading;
    text = text.trim();
    const marker = /^(?:>\s*)*(?:[-*+]|\d{1,3}[.)])?\s*/.exec(text);
    if (marker && marker[0].length > 0 && (LIST_MARKER.test(text) || text.startsWith('>'))) {
      offset += marker[0].length;
      text = text.slice(marker[0].length);
    }
    if (text.startsWith('|')) text = text.replace(/^\|\s*/, '').replace(/\s*\|\s*$/, '');
    const normalized = text.replace(/\s*\n\s*/g, ' ');
    if (normalized.replace(/[*_#>\s|-]/g, '') === '') return;
    out.push({
      text: normalized,
      start: start + offset,
      end: start + offset + text.length,
      ...(section === undefined ? {} : { section }),
    });
  };
  for (let position = 0; position < raw.length; position++) {
    const character = raw[position]!;
    if (character === '`') {
      // A code span runs to the next backtick run of the same length (CommonMark): a command line
      // quoted in a long fence holds shorter runs and full stops of its own.
      let runEnd = position;
      while (raw[runEnd] === '`') runEnd++;
      position = closingRunEnd(raw, runEnd, runEnd - position) - 1;
      continue;
    }
    if (isTerminatorAt(raw, position)) {
      let end = position + 1;
      while (end < raw.length && /["')\]*_]/.test(raw[end]!)) end++;
      emit(unitStart, end);
      unitStart = end;
    }
  }
  emit(unitStart, raw.length);
};
