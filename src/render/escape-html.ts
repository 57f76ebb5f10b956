const HTML_SPECIAL: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or attribute value as HTML: every character that could open markup or end a quoted attribute is encoded. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => HTML_SPECIAL[character]!);

/**
 * For text nodes only: like `escapeHtml`, but an existing character reference (`&lt;`, `&#60;`)
 * is kept, since in a text node it can only ever decode to text. This is what Markdown authors expect.
 */
export const escapeHtmlText = (value: string): string =>
  value.replace(/[<>"']|&(?!#\d{1,7};|#[Xx][\dA-Fa-f]{1,6};|\w+;)/g, (character) => HTML_SPECIAL[character]!);
