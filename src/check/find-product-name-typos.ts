/** A misspelled or confused product name: the report is about Falco, not CrowdStrike's Falcon. */
export interface ProductNameTypo {
  start: number;
  end: number;
  text: string;
  reason: string;
}

const TYPO = /(?<![A-Za-z])(?:sysdig\s+)?(falcon|falko|flaco|faclo|falcoo)(?![A-Za-z])/gi;

export const findProductNameTypos = (text: string): ProductNameTypo[] => {
  const typos: ProductNameTypo[] = [];
  for (const match of text.matchAll(TYPO)) {
    const before = text.slice(Math.max(0, match.index - 14), match.index);
    // CrowdStrike Falcon is a real product a report may legitimately compare against.
    if (/crowdstrike\W*$/i.test(before)) continue;
    const word = match[1]!;
    // Name the whole token the typo sits in ("/var/log/falcon.log"), which is what the reader sees.
    const tokenStart = match.index - (/[\w./:-]*$/.exec(text.slice(0, match.index))?.[0].length ?? 0);
    const tokenEnd =
      match.index +
      match[0].length +
      (/^[\w./:-]*/.exec(text.slice(match.index + match[0].length))?.[0].length ?? 0);
    const token = text.slice(tokenStart, tokenEnd).replace(/[.:]+$/, '');
    typos.push({
      start: tokenStart,
      end: tokenStart + token.length,
      text: token,
      reason: /falcon/i.test(word)
        ? `"${match[0]}" is not Falco: Falcon is another vendor's product (CrowdStrike); Falco has no "${word}" files or settings`
        : `"${match[0]}" is a misspelling of Falco`,
    });
  }
  return typos;
};
