import type { Fact } from '../facts/fact.js';
import { type FactIndex, normalizeValue } from './fact-index.js';
import type { ClaimKind } from './finding.js';

const stripImagePrefix = (image: string): string =>
  image.toLowerCase().replace(/^(?:docker\.io\/)?(?:library\/)?/, '');

const splitImage = (image: string): { repository: string; tag: string | undefined } => {
  const clean = stripImagePrefix(image.split('@')[0]!);
  const colon = clean.lastIndexOf(':');
  if (colon > clean.lastIndexOf('/') && colon > 0)
    return { repository: clean.slice(0, colon), tag: clean.slice(colon + 1) };
  return { repository: clean, tag: undefined };
};

const sameText = (left: string, right: string): boolean => normalizeValue(left) === normalizeValue(right);

export const trimSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);

const basename = (path: string): string => path.split('/').pop() ?? path;

/** Does the fact hold the claimed value, read the way values of this kind are compared? */
export const matchesFact = (kind: ClaimKind, fact: Fact, value: string, index: FactIndex): boolean => {
  const factValue = fact.value;
  switch (kind) {
    case 'host': {
      if (sameText(factValue, value)) return true;
      const short = (name: string): string => normalizeValue(name).split('.')[0]!;
      return fact.role === 'host' && short(factValue) === short(value);
    }
    case 'container-id': {
      const left = normalizeValue(factValue);
      const right = normalizeValue(value);
      return left.length >= 12 && right.length >= 12 && (left.startsWith(right) || right.startsWith(left));
    }
    case 'cmdline':
    case 'parent-name':
      if (fact.role === 'cmdline' || fact.role === 'parent-cmdline') {
        const text = normalizeValue(factValue);
        const claimed = normalizeValue(value);
        return text === claimed || (claimed.length >= 2 && text.includes(claimed));
      }
      if (fact.role === 'exe-path') return sameText(factValue, value) || sameText(basename(factValue), value);
      return sameText(factValue, value);
    case 'process-name':
      if (fact.role === 'exe-path') return sameText(factValue, value) || sameText(basename(factValue), value);
      return sameText(factValue, value);
    case 'image': {
      const claimed = splitImage(value);
      if (fact.role === 'image-tag') return claimed.repository === normalizeValue(factValue);
      if (fact.role !== 'image') return sameText(factValue, value);
      const held = splitImage(factValue);
      if (held.repository !== claimed.repository) return false;
      if (claimed.tag === undefined || held.tag === claimed.tag) return true;
      const tags = index.byRole.get('image-tag') ?? [];
      return held.tag === undefined && tags.some((tag) => normalizeValue(tag.value) === claimed.tag);
    }
    case 'user':
      if (fact.role === 'uid' && normalizeValue(value) === 'root') return factValue === '0';
      return sameText(factValue, value);
    default:
      return sameText(factValue, value);
  }
};
