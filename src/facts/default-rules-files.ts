import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The rules files a stock Falco install loads, in Falco's order, that exist under `root`
 * (injected so tests can point at a fixture tree).
 */
export const defaultRulesFiles = (root = '/'): string[] => {
  const falcoDirectory = join(root, 'etc', 'falco');
  const files = ['falco_rules.yaml', 'falco_rules.local.yaml']
    .map((name) => join(falcoDirectory, name))
    .filter((file) => existsSync(file));
  const rulesDirectory = join(falcoDirectory, 'rules.d');
  if (existsSync(rulesDirectory)) {
    const extra = readdirSync(rulesDirectory)
      .filter((name) => /\.ya?ml$/i.test(name))
      .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0))
      .map((name) => join(rulesDirectory, name));
    files.push(...extra);
  }
  return files;
};
