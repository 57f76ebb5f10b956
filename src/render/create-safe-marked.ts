import { Marked, type Tokens } from 'marked';
import { escapeHtml, escapeHtmlText } from './escape-html.js';

/** Link targets a report may carry. Relative and protocol-relative links mean nothing in a standalone file. */
const ALLOWED_HREF = /^(?:https?:\/\/|mailto:)[^\s\u0000-\u001f\u007f]*$/i;

/**
 * A private Markdown-to-HTML converter whose output is inert whatever the Markdown holds: raw
 * HTML is shown as text, links go only to http(s) or mailto (anything else is shown as the
 * Markdown it was), images are never loaded. The global `marked` instance is never configured,
 * so nothing else in the process can loosen these rules.
 */
export const createSafeMarked = (): Marked =>
  new Marked({
    async: false,
    gfm: true,
    breaks: false,
    pedantic: false,
    renderer: {
      html: (token: Tokens.HTML | Tokens.Tag) =>
        token.block ? `<p class="raw">${escapeHtml(token.text)}</p>\n` : escapeHtml(token.text),
      // Marked passes text through unescaped after `<pre>`, `<code>` or `<script>` ("raw block"
      // mode); those tags are shown as text here, so their contents must be escaped as well.
      text(token: Tokens.Text | Tokens.Escape): string {
        if ('tokens' in token && token.tokens !== undefined) return this.parser.parseInline(token.tokens);
        return escapeHtmlText(token.text);
      },
      code: (token: Tokens.Code) => {
        const language = /^[\w-]+/.exec(token.lang ?? '')?.[0];
        const attribute = language === undefined ? '' : ` class="language-${language}"`;
        return `<pre><code${attribute}>${escapeHtml(token.text)}</code></pre>\n`;
      },
      link(token: Tokens.Link): string {
        if (!ALLOWED_HREF.test(token.href)) return escapeHtml(token.raw);
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        const content = token.autolink ? escapeHtml(token.text) : this.parser.parseInline(token.tokens);
        return `<a href="${escapeHtml(token.href)}"${title} rel="noopener noreferrer nofollow">${content}</a>`;
      },
      image: (token: Tokens.Image) => escapeHtml(token.raw),
    },
  });
