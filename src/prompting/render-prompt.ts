import type { PromptTemplate } from './prompt-set.js';

/**
 * `{{name}}` is a placeholder; `\{{name}}` is the literal text `{{name}}` (prompt authors need it to
 * show the model what a placeholder looks like). A fresh RegExp per call, because a shared global
 * one carries `lastIndex` between callers.
 */
export const placeholderPattern = (): RegExp => /(\\)?\{\{\s*([^{}\n]*?)\s*\}\}/g;

/**
 * Substitutes placeholders in one pass over the template source. Values are inserted as they are and
 * never scanned again, so alert text that contains `{{facts}}` or `\{{x}}` stays literal.
 */
export const renderPrompt = (template: PromptTemplate | string, values: Record<string, string>): string => {
  const source = typeof template === 'string' ? template : template.text;
  return source.replace(placeholderPattern(), (_match, backslash: string | undefined, name: string) => {
    if (backslash !== undefined) return `{{${name}}}`;
    const value = values[name];
    if (value === undefined) {
      const where = typeof template === 'string' ? 'the prompt' : template.file;
      throw new Error(`renderPrompt: no value given for {{${name}}} in ${where}`);
    }
    return value;
  });
};
