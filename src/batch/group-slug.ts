import type { GroupKeyPart } from '../render/render-digest-document.js';

const MAX_WORDS_LENGTH = 80;

/**
 * A file-name stem for a group's report: readable words from the key values, then the id so two
 * groups never collide and reruns reuse the same name. Only `[a-z0-9-]`: key values are
 * attacker-controlled and must not steer the path (`../`, separators, reserved names).
 */
export const groupSlug = (parts: readonly GroupKeyPart[], id: string): string => {
  const words = parts
    .map((part) =>
      part.value
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter((word) => word !== '')
    .join('--')
    .slice(0, MAX_WORDS_LENGTH)
    .replace(/-+$/, '');
  return words === '' ? id.slice(0, 8) : `${words}-${id.slice(0, 8)}`;
};
